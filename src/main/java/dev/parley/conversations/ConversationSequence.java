package dev.parley.conversations;

import dev.parley.crypto.IdGenerator;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The ids of a conversation's messages and events, in one order across servers: each is taken above the
 * conversation's last one under its row lock, and stored as the new last one.
 */
public final class ConversationSequence {
    private final IdGenerator ids;

    public ConversationSequence(IdGenerator ids) {
        this.ids = ids;
    }

    /**
     * The conversation's next id, locking its row until the transaction ends (if the caller had not already, with
     * {@link ConversationStore#lockForWrite}); 404 {@code conversation_not_found} when there is no such
     * conversation.
     */
    public String next(Handle handle, String appId, String conversationId) {
        String last = handle.createQuery("SELECT last_sequence_id FROM conversations WHERE app_id = :appId "
                        + "AND id = :id FOR UPDATE")
                .bind("appId", appId)
                .bind("id", conversationId)
                .map((rs, ctx) -> Optional.ofNullable(rs.getString("last_sequence_id")))
                .findOne()
                .orElseThrow(ConversationStore::notFound)
                .orElse(null);
        String next = ids.nextAbove(last);
        handle.createUpdate("UPDATE conversations SET last_sequence_id = :next WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", conversationId)
                .bind("next", next)
                .execute();
        return next;
    }

    /** The first id of a conversation being created, which is also the last one it has given. */
    String first() {
        return ids.next();
    }
}
