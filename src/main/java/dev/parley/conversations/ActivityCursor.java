package dev.parley.conversations;

import dev.parley.api.ApiException;
import dev.parley.crypto.IdGenerator;
import java.time.Instant;
import java.time.format.DateTimeParseException;

/**
 * A place in an app's conversations listed by activity: the last activity time (to the database's precision, so
 * no two places collapse) and the conversation id that breaks ties. As text: {@code <instant>_<id>}.
 */
public record ActivityCursor(Instant lastActivityAt, String conversationId) {
    private static final char SEPARATOR = '_';
    /** Later than any activity, and "g" sorts after every hex id: the place before the first page. */
    static final ActivityCursor BEFORE_EVERY_PLACE = new ActivityCursor(Instant.parse("9999-12-31T00:00:00Z"), "g");

    /** The cursor as a link carries it, or 400 when the text is not one. */
    public static ActivityCursor parse(String text) {
        int separator = text.lastIndexOf(SEPARATOR);
        String id = separator < 0 ? "" : text.substring(separator + 1);
        if (!IdGenerator.isId(id)) {
            throw invalid();
        }
        try {
            return new ActivityCursor(Instant.parse(text.substring(0, separator)), id);
        } catch (DateTimeParseException e) {
            throw invalid();
        }
    }

    @Override
    public String toString() {
        return lastActivityAt.toString() + SEPARATOR + conversationId;
    }

    private static ApiException invalid() {
        return ApiException.badRequest("The page cursor is not one this server gave");
    }
}
