package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Set;

/** The items of a carousel or list message, and the plain text that stands in for them where they cannot show. */
final class Items {
    private static final int MAX_LABEL = 128;

    private Items() {
    }

    /** Checks the message's 1 to 10 items; answers how many of their actions open on receive. */
    static int check(Fields message) {
        List<JsonNode> items = message.array("items", 1, 10, true);
        int openOnReceive = 0;
        for (int i = 0; i < items.size(); i++) {
            Fields item = Fields.object(items.get(i), "content.items[" + i + "]", Set.of("title", "description",
                    "mediaUrl", "mediaType", "altText", "size", "actions", "metadata"));
            item.text("title", 1, MAX_LABEL, true);
            item.text("description", 0, MAX_LABEL, false);
            item.uri("mediaUrl", false);
            item.text("mediaType", 0, MAX_LABEL, false);
            item.text("altText", 0, MAX_LABEL, false);
            item.oneOf("size", List.of("compact", "large"), false);
            MessageContent.metadata(item);
            openOnReceive += Actions.check(item, "actions", Actions.OF_ITEMS, 1, 3, true);
        }
        return openOnReceive;
    }

    /** As upstream: each item numbered with its title, description and links, separated by a blank line. */
    static String fallbackText(JsonNode items) {
        StringBuilder text = new StringBuilder();
        int number = 1;
        for (JsonNode item : items) {
            if (number > 1) {
                text.append("\n\n");
            }
            text.append(number++).append(". ").append(item.path("title").textValue());
            if (item.has("description")) {
                text.append('\n').append(item.path("description").textValue());
            }
            for (JsonNode action : item.path("actions")) {
                if (action.path("type").textValue().equals("link")) {
                    text.append('\n').append(action.path("text").textValue()).append(": ")
                            .append(action.path("uri").textValue());
                }
            }
        }
        return text.toString();
    }
}
