package dev.parley.attachments;

import dev.parley.purge.PurgeJob;
import dev.parley.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;

/**
 * Reclaims attachments whose app, conversation or message was deleted: their bytes, then their rows, a few
 * attachments per transaction (each is at most 50 MB of chunks). The rows are locked with {@code SKIP LOCKED}, so
 * several servers reclaim different attachments at once. A file deleted by a batch that then fails leaves a row that
 * is no longer served and is taken again by the next batch.
 */
public final class AttachmentPurge implements PurgeJob {
    /** Attachments per batch: up to 20 × 50 MB of chunk rows in one transaction at most. */
    static final int BATCH_SIZE = 20;

    private final Database database;
    private final AttachmentContents contents;
    private final AttachmentStore attachments = new AttachmentStore();

    public AttachmentPurge(Database database, AttachmentContents contents) {
        this.database = database;
        this.contents = contents;
    }

    @Override
    public String name() {
        return "attachments of deleted apps, conversations and messages";
    }

    @Override
    public String id() {
        return "attachments";
    }

    @Override
    public int runBatch() {
        return database.inTransaction(handle -> {
            List<AttachmentStore.Dead> dead = attachments.lockDead(handle, BATCH_SIZE);
            for (AttachmentStore.Dead attachment : dead) {
                try {
                    contents.delete(handle, attachment.appId(), attachment.id());
                } catch (IOException e) {
                    throw new UncheckedIOException(e);
                }
                attachments.delete(handle, attachment.appId(), attachment.id());
            }
            return dead.size();
        });
    }
}
