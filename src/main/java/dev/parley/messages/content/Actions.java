package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.http.Metadata;
import java.util.List;
import java.util.Set;

/** Message actions (buttons): buy, link, locationRequest, postback, reply and webview, as upstream. */
final class Actions {
    /** Every type, for text and image messages. */
    static final List<String> ALL = List.of("buy", "link", "locationRequest", "postback", "reply", "webview");
    /** The types a carousel or list item, or a list, may carry. */
    static final List<String> OF_ITEMS = List.of("buy", "link", "postback", "webview");

    private static final List<String> WEBVIEW_SIZES = List.of("compact", "tall", "full");

    private Actions() {
    }

    /**
     * Checks the array of actions at {@code field}.
     *
     * @return how many of them open on receive (a message may have one)
     */
    static int check(Fields parent, String field, List<String> types, int min, int max, boolean required) {
        List<JsonNode> actions = parent.array(field, min, max, required);
        int openOnReceive = 0;
        for (int i = 0; i < actions.size(); i++) {
            if (check(actions.get(i), parent.name(field) + "[" + i + "]", types)) {
                openOnReceive++;
            }
        }
        return openOnReceive;
    }

    /** Checks one action; answers whether it opens on receive. */
    private static boolean check(JsonNode node, String path, List<String> types) {
        String type = Fields.object(node, path, Set.of("type", "text", "payload", "uri", "amount", "currency",
                "default", "metadata", "extraChannelOptions", "iconUrl", "size", "fallback", "openOnReceive"))
                .oneOf("type", types, true);
        Fields action = Fields.object(node, path, switch (type) {
            case "buy" -> Set.of("type", "text", "amount", "currency", "metadata");
            case "link" -> Set.of("type", "text", "uri", "default", "metadata", "extraChannelOptions");
            case "locationRequest" -> Set.of("type", "text", "metadata");
            case "postback" -> Set.of("type", "text", "payload", "metadata");
            case "reply" -> Set.of("type", "text", "payload", "iconUrl", "metadata");
            default -> Set.of("type", "text", "uri", "fallback", "size", "openOnReceive", "default", "metadata",
                    "extraChannelOptions");
        });
        action.text("text", 0, 4096, true);
        JsonNode metadata = action.value("metadata", false);
        if (metadata != null) {
            Metadata.flat(metadata, action.name("metadata"), "Action");
        }
        switch (type) {
            case "buy" -> {
                action.integer("amount", 1, Integer.MAX_VALUE, true);
                JsonNode currency = action.value("currency", false);
                if (currency != null && !(currency.isTextual() && currency.textValue().matches("[A-Za-z]{3}"))) {
                    throw Fields.bad(action.name("currency") + " must be an ISO 4217 currency code, such as usd");
                }
            }
            case "link" -> {
                action.uri("uri", true);
                action.bool("default");
                extraChannelOptions(action);
            }
            case "postback" -> action.text("payload", 0, 4096, true);
            case "reply" -> {
                action.text("payload", 0, 4096, true);
                action.uri("iconUrl", false);
            }
            case "webview" -> {
                action.uri("uri", true);
                action.uri("fallback", true);
                action.oneOf("size", WEBVIEW_SIZES, false);
                action.bool("default");
                extraChannelOptions(action);
                return Boolean.TRUE.equals(action.bool("openOnReceive"));
            }
            default -> {
                // locationRequest: its text is all it has.
            }
        }
        return false;
    }

    private static void extraChannelOptions(Fields action) {
        JsonNode options = action.value("extraChannelOptions", false);
        if (options != null) {
            Fields extra = Fields.object(options, action.name("extraChannelOptions"), Set.of("messenger"));
            JsonNode messenger = extra.value("messenger", false);
            if (messenger != null) {
                Fields channel = Fields.object(messenger, extra.name("messenger"),
                        Set.of("messenger_extensions", "webview_share_button"));
                channel.bool("messenger_extensions");
                channel.oneOf("webview_share_button", List.of("hide"), false);
            }
        }
    }
}
