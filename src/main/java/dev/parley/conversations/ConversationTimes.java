package dev.parley.conversations;

/** Which of a conversation's times a change moves (the retention clock is last_activity_at). */
public enum ConversationTimes {
    /** Joins and leaves: nothing shown changes time. */
    NONE(""),
    /** Typing and a user's read: restarts the retention clock only. */
    ACTIVITY(", last_activity_at = :now"),
    /** The business read the conversation. */
    READ_BY_BUSINESS(", business_last_read = :now, last_activity_at = :now"),
    /** Messages posted or deleted. */
    UPDATED(", last_updated_at = :now, last_activity_at = :now");

    final String assignments;

    ConversationTimes(String assignments) {
        this.assignments = assignments;
    }
}
