package dev.parley.messages.content;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.crypto.IdGenerator;
import java.util.List;
import java.util.Set;

/**
 * The author of a posted message or activity: the business, or one user of the conversation named by id or by
 * external id ({@code brandId} with the latter).
 *
 * @param subtypes {@code AI} or {@code activity}; {@code agent} and {@code bot} are upstream's to set
 */
public record Author(String type, List<String> subtypes, String userId, String userExternalId, String brandId,
                     String displayName, String avatarUrl) {
    public static final String BUSINESS = "business";
    public static final String USER = "user";

    public static Author of(JsonNode node) {
        if (node == null || node.isNull()) {
            throw Fields.bad("author is required");
        }
        Fields author = Fields.object(node, "author", Set.of("type", "subtypes", "userId", "userExternalId",
                "brandId", "displayName", "avatarUrl"));
        String type = author.oneOf("type", List.of(BUSINESS, USER), true);
        List<String> subtypes = subtypes(author);
        String userId = author.text("userId", 1, 24, false);
        String userExternalId = author.text("userExternalId", 1, 1024, false);
        String brandId = author.text("brandId", 1, 24, false);
        if (type.equals(USER)) {
            if ((userId == null) == (userExternalId == null)) {
                throw Fields.bad("author: a user author needs exactly one of userId and userExternalId");
            }
            if (userId != null && !IdGenerator.isId(userId)) {
                throw Fields.bad("author.userId must be a user id: 24 lowercase hex characters");
            }
        } else if (userId != null || userExternalId != null) {
            throw Fields.bad("author: userId and userExternalId are only for an author of type user");
        }
        if (brandId != null && userExternalId == null) {
            throw Fields.bad("author.brandId is only given with author.userExternalId");
        }
        return new Author(type, subtypes, userId, userExternalId, brandId,
                author.text("displayName", 1, 1024, false), author.uri("avatarUrl", false));
    }

    private static List<String> subtypes(Fields author) {
        List<JsonNode> given = author.array("subtypes", 1, 1, false);
        if (given.isEmpty()) {
            return List.of();
        }
        JsonNode subtype = given.get(0);
        if (!subtype.isTextual() || !List.of("AI", "activity").contains(subtype.textValue())) {
            throw Fields.bad("author.subtypes[0] must be AI or activity (agent and bot are set by the server)");
        }
        return List.of(subtype.textValue());
    }

    public boolean isUser() {
        return type.equals(USER);
    }
}
