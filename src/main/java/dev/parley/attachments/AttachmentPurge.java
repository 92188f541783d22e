package dev.parley.attachments;

import dev.parley.crypto.IdGenerator;
import dev.parley.purge.PurgeJob;
import dev.parley.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
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
    /**
     * An upload whose id is older than this and that has no attachment was abandoned by a server that stopped in its
     * middle: no upload lasts a day (a client that sends nothing for the idle timeout is cut off).
     */
    static final Duration ABANDONED_AFTER = Duration.ofDays(1);
    /** Finding abandoned uploads reads every upload's first chunk (or lists every app's directory): not every run. */
    private static final Duration SWEEP_EVERY = Duration.ofHours(1);

    private final Database database;
    private final AttachmentContents contents;
    private final Clock clock;
    private final AttachmentStore attachments = new AttachmentStore();
    private Instant nextSweep = Instant.MIN;

    public AttachmentPurge(Database database, AttachmentContents contents, Clock clock) {
        this.database = database;
        this.contents = contents;
        this.clock = clock;
    }

    @Override
    public String name() {
        return "attachments of deleted apps, conversations and messages, and abandoned uploads";
    }

    @Override
    public String id() {
        return "attachments";
    }

    @Override
    public int runBatch() {
        int reclaimed = reclaimDead();
        return reclaimed > 0 ? reclaimed : sweepAbandoned();
    }

    private int reclaimDead() {
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

    private int sweepAbandoned() {
        Instant now = clock.instant();
        if (now.isBefore(nextSweep)) {
            return 0;
        }
        int swept = database.inTransaction(handle -> {
            try {
                return contents.deleteAbandoned(handle, IdGenerator.floorAt(now.minus(ABANDONED_AFTER)), BATCH_SIZE);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        });
        if (swept < BATCH_SIZE) {
            nextSweep = now.plus(SWEEP_EVERY);
        }
        return swept;
    }
}
