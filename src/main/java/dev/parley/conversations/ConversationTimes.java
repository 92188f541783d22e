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
    UPDATED(", last_updated_at = :now, last_activity_at = :now"),
    /**
     * A user's message: as {@link #UPDATED}, and a conversation with none in control (released, or its active
     * switchboard integration deleted by a deletion that raced with an action) goes to the default.
     */
    USER_MESSAGE(", last_updated_at = :now, last_activity_at = :now, switchboard_released = FALSE, "
            + "switchboard_active_id = CASE WHEN EXISTS (SELECT 1 FROM switchboard_integrations si "
            + "WHERE si.app_id = conversations.app_id AND si.id = conversations.switchboard_active_id) "
            + "THEN switchboard_active_id END");

    final String assignments;

    ConversationTimes(String assignments) {
        this.assignments = assignments;
    }
}
