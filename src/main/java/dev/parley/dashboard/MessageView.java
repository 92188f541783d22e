package dev.parley.dashboard;

import dev.parley.messages.Message;
import java.util.Map;

/**
 * A message as the conversation page shows it: who wrote it, when, and its content as a map the template renders by
 * type, links made safe ({@link JsonViews}).
 *
 * @param authorType {@code user} or {@code business}
 * @param authorName the author's display name, else the user's external id or id, else "Business"
 */
public record MessageView(String id, String received, String authorType, String authorName,
                          Map<String, Object> content) {

    /** @param participantNames the conversation's users' external ids (or ids), by user id */
    static MessageView of(Message message, Map<String, String> participantNames) {
        Map<String, Object> author = JsonViews.object(message.author());
        String type = String.valueOf(author.getOrDefault("type", "business"));
        Object name = author.get("displayName");
        if (name == null && author.get("userId") != null) {
            name = participantNames.getOrDefault(String.valueOf(author.get("userId")),
                    String.valueOf(author.get("userId")));
        }
        return new MessageView(message.id(), message.received(), type,
                name == null ? "Business" : String.valueOf(name), JsonViews.object(message.content()));
    }

    public boolean fromBusiness() {
        return "business".equals(authorType);
    }
}
