package dev.parley.messages.content;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.http.JsonFields;
import java.util.List;
import java.util.Set;

/** The body of POST …/activity: typing:start and typing:stop (business only) or conversation:read. */
public record ActivityPost(Author author, String type) {
    public static final String READ = "conversation:read";

    public static ActivityPost of(ObjectNode body) {
        JsonFields.allowOnly(body, "The activity", Set.of("author", "type"));
        Author author = Author.of(body.get("author"));
        String type = Fields.object(body, "", Set.of("author", "type"))
                .oneOf("type", List.of(READ, "typing:start", "typing:stop"), true);
        if (author.isUser() && !type.equals(READ)) {
            throw Fields.bad("type: an author of type user can only post conversation:read");
        }
        return new ActivityPost(author, type);
    }
}
