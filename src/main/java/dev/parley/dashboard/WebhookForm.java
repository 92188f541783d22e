package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.http.Json;
import dev.parley.integrations.Webhook;
import dev.parley.integrations.WebhookTriggers;
import io.javalin.http.Context;
import java.util.List;
import java.util.Map;

/**
 * A webhook's form (target, trigger checkboxes, include options) read into the body the API takes, so that the
 * services check it by the same rules; and an error of that body put next to the field it is about.
 */
final class WebhookForm {
    private WebhookForm() {
    }

    /** What the form shows: the values to fill in and every trigger as a checkbox. */
    record Values(String target, List<String> triggers, boolean includeFullUser, boolean includeFullSource) {
        static final Values NEW = new Values("", List.of("conversation:message"), false, false);

        static Values of(Webhook webhook) {
            return new Values(webhook.target(), webhook.triggers(), webhook.includeFullUser(),
                    webhook.includeFullSource());
        }

        public List<String> allTriggers() {
            return WebhookTriggers.ALL;
        }
    }

    /** The form as posted, to show again with its error. */
    static Values posted(Context ctx) {
        return new Values(Forms.field(ctx, "target"), ctx.formParams("triggers"), checked(ctx, "includeFullUser"),
                checked(ctx, "includeFullSource"));
    }

    /** {@code {"target", "triggers", "includeFullUser", "includeFullSource"}}: every field, as a form sends all. */
    static ObjectNode body(Context ctx) {
        List<String> triggers = ctx.formParams("triggers");
        if (triggers.isEmpty()) {
            throw ApiException.badRequest("triggers are not chosen: tick at least one");
        }
        ObjectNode body = Json.mapper().createObjectNode();
        body.put("target", Forms.field(ctx, "target"));
        ArrayNode array = body.putArray("triggers");
        triggers.forEach(array::add);
        body.put("includeFullUser", checked(ctx, "includeFullUser"));
        body.put("includeFullSource", checked(ctx, "includeFullSource"));
        return body;
    }

    /** The error next to its field: {@code targetError}, {@code triggersError}, {@code nameError}, else the form's. */
    static Map<String, Object> errorOf(ApiException error) {
        String title = error.title();
        if (title.startsWith("target")) {
            return Map.of("targetError", sentence(title));
        }
        if (title.startsWith("triggers")) {
            return Map.of("triggersError", sentence(title));
        }
        if (title.startsWith("displayName")) {
            return Map.of("nameError", ErrorMessages.of(error));
        }
        return Map.of("formError", ErrorMessages.of(error));
    }

    /** "target must …" reads "The target must …." */
    private static String sentence(String title) {
        return "The " + title + (title.endsWith(".") ? "" : ".");
    }

    private static boolean checked(Context ctx, String name) {
        return ctx.formParam(name) != null;
    }
}
