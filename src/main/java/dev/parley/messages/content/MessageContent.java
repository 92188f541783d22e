package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.Metadata;
import java.math.BigDecimal;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

/**
 * The {@code content} of a posted message: every type the API can post (text, image, file, carousel, list,
 * location, form) with upstream's limits, and the fields the server adds (the fallback text of carousels, lists
 * and locations; a form's {@code submitted}).
 */
public final class MessageContent {
    public static final int MAX_TEXT = 4096;
    private static final int MAX_LABEL = 128;
    private static final List<String> TYPES = List.of("text", "image", "file", "carousel", "list", "location", "form");
    private static final Set<String> RICH_TEXT = Set.of("text", "htmlText", "markdownText", "blockChatInput");
    /** The fields the server sets, by content type: refused in a post, kept as they were in an import. */
    private static final Map<String, Set<String>> SERVER_SET = Map.of(
            "image", Set.of("mediaType", "mediaSize"),
            "file", Set.of("mediaType", "mediaSize"),
            "carousel", Set.of("text"),
            "list", Set.of("text"),
            "location", Set.of("text"),
            "form", Set.of("submitted"));
    /** What each of those fields holds when the server set it. */
    private static final Map<String, Predicate<JsonNode>> SERVER_SET_SHAPES = Map.of(
            "mediaType", value -> value.isTextual() && value.textValue().length() <= MAX_LABEL,
            "mediaSize", value -> value.isIntegralNumber() && value.canConvertToLong() && value.longValue() >= 0,
            "text", value -> value.isTextual() && value.textValue().length() <= MAX_TEXT,
            "submitted", JsonNode::isBoolean);

    private MessageContent() {
    }

    /** The content as stored and answered: a copy of the posted one, with the server's own fields added. */
    public static ObjectNode check(JsonNode posted) {
        if (posted == null || posted.isNull()) {
            throw Fields.bad("content is required");
        }
        if (!posted.isObject()) {
            throw Fields.bad("content must be an object");
        }
        ObjectNode content = posted.deepCopy();
        JsonNode type = content.get("type");
        if (type == null || !type.isTextual()) {
            throw Fields.bad("content.type is required: one of " + String.join(", ", TYPES));
        }
        int openOnReceive = switch (type.textValue()) {
            case "text" -> text(content);
            case "image" -> media(content, true);
            case "file" -> media(content, false);
            case "carousel" -> carousel(content);
            case "list" -> list(content);
            case "location" -> location(content);
            case "form" -> form(content);
            case "formResponse" -> throw Fields.bad("content.type formResponse cannot be posted through the API: "
                    + "a formResponse is the Web Messenger's answer to a form, sent by the user's client");
            case "template" -> throw Fields.bad("content.type template cannot be posted: a template is a native "
                    + "WhatsApp message (schema whatsapp), and this server has no WhatsApp channel to send it");
            default -> throw Fields.bad("content.type must be one of " + String.join(", ", TYPES));
        };
        if (openOnReceive > 1) {
            throw Fields.bad("content: only one webview action per message can have openOnReceive true");
        }
        return content;
    }

    /**
     * A message's stored content without the fields the server set, to check as a post: an exported message moved
     * into an app (an import) is checked like a posted one, then gets them back ({@link #withServerFields}).
     */
    public static JsonNode withoutServerFields(JsonNode stored) {
        if (stored == null || !stored.isObject()) {
            return stored;
        }
        ObjectNode posted = stored.deepCopy();
        serverSet(posted).forEach(posted::remove);
        return posted;
    }

    /** The checked content with the fields the server had set in the stored one, each of the shape it sets. */
    public static ObjectNode withServerFields(ObjectNode checked, JsonNode stored) {
        ObjectNode content = checked.deepCopy();
        for (String field : serverSet(checked)) {
            JsonNode value = stored.get(field);
            if (value != null) {
                if (!SERVER_SET_SHAPES.get(field).test(value)) {
                    throw Fields.bad("content." + field + " is not of the shape the server gives it");
                }
                content.set(field, value);
            }
        }
        return content;
    }

    private static Set<String> serverSet(JsonNode content) {
        return SERVER_SET.getOrDefault(content.path("type").asText(), Set.of());
    }

    private static int text(ObjectNode content) {
        Fields text = Fields.object(content, "content", with(RICH_TEXT, "type", "actions", "payload"));
        richText(text);
        text.text("payload", 0, MAX_TEXT, false);
        if (!(text.has("text") || text.has("htmlText") || text.has("markdownText") || text.has("actions"))) {
            throw Fields.bad("content.text is required unless actions, htmlText or markdownText is given");
        }
        return Actions.check(text, "actions", Actions.ALL, 0, Integer.MAX_VALUE, false);
    }

    private static int media(ObjectNode content, boolean image) {
        Fields media = Fields.object(content, "content", Set.of("type", "mediaUrl", "mediaType", "mediaSize",
                "altText", "text", "htmlText", "markdownText", "blockChatInput", "attachmentId", "actions"));
        media.refuseReadOnly(serverSet(content));
        if (!image && media.has("actions")) {
            throw Fields.bad("content.actions cannot be given with a file message");
        }
        media.uri("mediaUrl", true);
        media.text("altText", 0, MAX_LABEL, false);
        media.text("attachmentId", 1, MAX_LABEL, false);
        richText(media);
        return Actions.check(media, "actions", Actions.ALL, 0, Integer.MAX_VALUE, false);
    }

    private static void richText(Fields content) {
        content.text("text", 0, MAX_TEXT, false);
        content.text("htmlText", 0, MAX_TEXT, false);
        content.text("markdownText", 0, MAX_TEXT, false);
        content.bool("blockChatInput");
        if (content.has("htmlText") && content.has("markdownText")) {
            throw Fields.bad("content.htmlText and content.markdownText cannot be given together");
        }
    }

    private static int carousel(ObjectNode content) {
        Fields carousel = Fields.object(content, "content",
                Set.of("type", "items", "displaySettings", "blockChatInput", "text"));
        carousel.refuseReadOnly(serverSet(content));
        carousel.bool("blockChatInput");
        JsonNode settings = carousel.value("displaySettings", false);
        if (settings != null) {
            Fields.object(settings, "content.displaySettings", Set.of("imageAspectRatio"))
                    .oneOf("imageAspectRatio", List.of("horizontal", "square"), false);
        }
        int openOnReceive = Items.check(carousel);
        content.put("text", Items.fallbackText(content.get("items")));
        return openOnReceive;
    }

    private static int list(ObjectNode content) {
        Fields list = Fields.object(content, "content", Set.of("type", "items", "actions", "blockChatInput", "text"));
        list.refuseReadOnly(serverSet(content));
        list.bool("blockChatInput");
        int openOnReceive = Items.check(list) + Actions.check(list, "actions", Actions.OF_ITEMS, 1, 10, false);
        content.put("text", Items.fallbackText(content.get("items")));
        return openOnReceive;
    }

    private static int location(ObjectNode content) {
        Fields location = Fields.object(content, "content",
                Set.of("type", "coordinates", "location", "blockChatInput", "text"));
        location.refuseReadOnly(serverSet(content));
        location.bool("blockChatInput");
        Fields coordinates = Fields.object(location.value("coordinates", true), "content.coordinates",
                Set.of("lat", "long"));
        coordinates.number("lat", -90, 90);
        coordinates.number("long", -180, 180);
        JsonNode place = location.value("location", false);
        if (place != null) {
            Fields named = Fields.object(place, "content.location", Set.of("address", "name"));
            named.text("address", 0, MAX_TEXT, false);
            named.text("name", 0, MAX_TEXT, false);
        }
        content.put("text", "Location shared:\nhttps://maps.google.com/maps?q="
                + plain(content.at("/coordinates/lat")) + "," + plain(content.at("/coordinates/long")));
        return 0;
    }

    private static String plain(JsonNode number) {
        return new BigDecimal(number.asText()).toPlainString();
    }

    private static int form(ObjectNode content) {
        Fields form = Fields.object(content, "content", Set.of("type", "fields", "blockChatInput", "text", "submitted"));
        form.refuseReadOnly(serverSet(content));
        form.bool("blockChatInput");
        form.text("text", 0, MAX_TEXT, false);
        List<JsonNode> fields = form.array("fields", 1, 20, true);
        Set<String> names = new HashSet<>();
        for (int i = 0; i < fields.size(); i++) {
            String name = FormFields.check(fields.get(i), "content.fields[" + i + "]");
            if (!names.add(name)) {
                throw Fields.bad("content.fields[" + i + "].name must be unique in the form");
            }
        }
        content.put("submitted", false);
        return 0;
    }

    static void metadata(Fields parent) {
        JsonNode metadata = parent.value("metadata", false);
        if (metadata != null) {
            Metadata.flat(metadata, parent.name("metadata"), "Item");
        }
    }

    private static Set<String> with(Set<String> names, String... more) {
        Set<String> all = new HashSet<>(names);
        all.addAll(List.of(more));
        return all;
    }
}
