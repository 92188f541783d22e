package dev.parley.conversations;

import java.time.Instant;

/** A conversation with the time of its last activity of any kind (messages, typing, reads, changes). */
public record ActiveConversation(Conversation conversation, Instant lastActivityAt) {

    /** The place just after this conversation in a list by activity. */
    public ActivityCursor cursor() {
        return new ActivityCursor(lastActivityAt, conversation.id());
    }
}
