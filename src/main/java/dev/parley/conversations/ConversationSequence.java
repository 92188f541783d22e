package dev.parley.conversations;

import dev.parley.crypto.IdGenerator;
import java.time.Instant;
import org.jdbi.v3.core.Handle;

/**
 * The ids of a conversation's messages and events, in one order across servers: a change locks the conversation's
 * row, takes its ids above the last one it reads there, and stores the last one it took with the conversation's new
 * times in one statement.
 */
public final class ConversationSequence {
    private final IdGenerator ids;
    private final ConversationStore conversations;

    public ConversationSequence(IdGenerator ids, ConversationStore conversations) {
        this.ids = ids;
        this.conversations = conversations;
    }

    /**
     * Locks the conversation's row until the transaction ends (404 {@code conversation_not_found} when there is no
     * such conversation) for a change that gives ids to its messages or events.
     */
    public Change lock(Handle handle, String appId, String conversationId) {
        return new Change(handle, appId, conversations.lockForWrite(handle, appId, conversationId));
    }

    /** The first id of a conversation being created, which is also the last one it has given. */
    String first() {
        return ids.next();
    }

    /** One change of a locked conversation; {@link #save} must follow the last {@link #nextId} unless it deletes it. */
    public final class Change {
        private final Handle handle;
        private final String appId;
        private final Conversation conversation;
        private String last;

        private Change(Handle handle, String appId, Conversation conversation) {
            this.handle = handle;
            this.appId = appId;
            this.conversation = conversation;
            this.last = conversation.lastSequenceId();
        }

        /** The conversation as it was when its row was locked. */
        public Conversation conversation() {
            return conversation;
        }

        /** The conversation's next id, above every id it has given. */
        public String nextId() {
            last = ids.nextAbove(last);
            return last;
        }

        /**
         * Counts an id given elsewhere (an imported message's) as given by this conversation, so that its next ids
         * sort after it.
         */
        public void include(String id) {
            if (last == null || id.compareTo(last) > 0) {
                last = id;
            }
        }

        /** Stores the last id given, and sets the conversation's times that the change moves. */
        public void save(ConversationTimes times, Instant now) {
            conversations.saveChange(handle, appId, conversation.id(), last, times, now);
        }
    }
}
