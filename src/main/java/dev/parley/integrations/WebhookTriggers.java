package dev.parley.integrations;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.api.ApiException;
import dev.parley.http.JsonFields;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/** The upstream webhook trigger names, case-sensitive: a webhook receives the events whose type it lists. */
public final class WebhookTriggers {
    /** Every trigger upstream documents, in its order. */
    public static final List<String> ALL = List.of(
            "client:add", "client:remove", "client:update",
            "conversation:create", "conversation:join", "conversation:leave", "conversation:remove",
            "conversation:message", "conversation:message:delivery:channel", "conversation:message:delivery:user",
            "conversation:message:delivery:failure", "conversation:postback", "conversation:read",
            "conversation:typing", "conversation:referral",
            "switchboard:passControl", "switchboard:passControl:failure", "switchboard:offerControl",
            "switchboard:offerControl:failure", "switchboard:acceptControl", "switchboard:acceptControl:failure",
            "switchboard:releaseControl",
            "user:merge", "user:update", "user:remove",
            "passthrough:messaging");
    private static final Set<String> KNOWN = Set.copyOf(ALL);

    private WebhookTriggers() {
    }

    /** A non-empty array of known trigger names, each once, in the order given. */
    static List<String> parse(JsonNode value) {
        if (value == null || !value.isArray() || value.isEmpty()) {
            throw ApiException.badRequest("triggers must be a non-empty array of trigger names, such as "
                    + "[\"conversation:message\"]");
        }
        List<String> triggers = new ArrayList<>();
        for (JsonNode item : value) {
            if (!item.isTextual()) {
                throw ApiException.badRequest("triggers must be an array of strings");
            }
            String trigger = item.textValue();
            if (!KNOWN.contains(trigger)) {
                throw ApiException.badRequest("triggers has an unknown trigger '" + JsonFields.printable(trigger)
                        + "' (trigger names are case-sensitive); known: " + String.join(", ", ALL));
            }
            if (triggers.contains(trigger)) {
                throw ApiException.badRequest("triggers names '" + trigger + "' more than once");
            }
            triggers.add(trigger);
        }
        return List.copyOf(triggers);
    }
}
