package dev.parley.attachments;

import dev.parley.store.Database;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;

/**
 * Attachments as rows of 256 KB chunks in the database, so that every server sharing PostgreSQL serves every
 * attachment. Each chunk is written in a statement of its own as the upload arrives (a slow client holds no
 * transaction open), and read one at a time: memory per upload or download is one chunk. The attachment's row is
 * written after its last chunk, and an upload that fails deletes the chunks it wrote.
 */
public final class DatabaseContents implements AttachmentContents {
    static final int CHUNK_BYTES = 256 * 1024;

    private final Database database;

    public DatabaseContents(Database database) {
        this.database = database;
    }

    @Override
    public NewContent create(String appId, String attachmentId) {
        return new NewChunks(appId, attachmentId);
    }

    @Override
    public InputStream open(String appId, String attachmentId, long offset) {
        return new ChunkStream(appId, attachmentId, offset);
    }

    @Override
    public void delete(Handle handle, String appId, String attachmentId) {
        handle.createUpdate("DELETE FROM attachment_chunks WHERE app_id = :appId AND attachment_id = :attachmentId")
                .bind("appId", appId)
                .bind("attachmentId", attachmentId)
                .execute();
    }

    @Override
    public int deleteAbandoned(Handle handle, String idsBefore, int limit) {
        // Every upload writes its chunk 0 first, so one row per upload is enough to find it by.
        List<Map<String, Object>> abandoned = handle.createQuery("SELECT c.app_id, c.attachment_id "
                        + "FROM attachment_chunks c WHERE c.seq = 0 AND c.attachment_id < :before AND NOT EXISTS "
                        + "(SELECT 1 FROM attachments a WHERE a.app_id = c.app_id AND a.id = c.attachment_id) "
                        + "LIMIT :limit")
                .bind("before", idsBefore)
                .bind("limit", limit)
                .mapToMap()
                .list();
        for (Map<String, Object> upload : abandoned) {
            delete(handle, (String) upload.get("app_id"), (String) upload.get("attachment_id"));
        }
        return abandoned.size();
    }

    private final class NewChunks implements NewContent {
        private final String appId;
        private final String attachmentId;
        private final byte[] chunk = new byte[CHUNK_BYTES];
        private int filled;
        private int seq;

        NewChunks(String appId, String attachmentId) {
            this.appId = appId;
            this.attachmentId = attachmentId;
        }

        @Override
        public void write(ByteBuffer bytes) {
            while (bytes.hasRemaining()) {
                int n = Math.min(bytes.remaining(), CHUNK_BYTES - filled);
                bytes.get(chunk, filled, n);
                filled += n;
                if (filled == CHUNK_BYTES) {
                    flush();
                }
            }
        }

        private void flush() {
            byte[] data = filled == CHUNK_BYTES ? chunk : Arrays.copyOf(chunk, filled);
            database.withoutTransaction(handle -> handle.createUpdate("INSERT INTO attachment_chunks "
                            + "(app_id, attachment_id, seq, data) VALUES (:appId, :attachmentId, :seq, :data)")
                    .bind("appId", appId)
                    .bind("attachmentId", attachmentId)
                    .bind("seq", seq)
                    .bind("data", data)
                    .execute());
            seq++;
            filled = 0;
        }

        @Override
        public void finish() {
            if (filled > 0) {
                flush();
            }
        }

        @Override
        public void abort() {
            try {
                database.withoutTransaction(handle -> {
                    delete(handle, appId, attachmentId);
                    return null;
                });
            } catch (RuntimeException unreachable) {
                // The database that failed the upload may fail this too; the upload's own failure is what is
                // reported, and its chunks, which no row names, are never served.
            }
        }
    }

    /** The chunks from the one holding {@code offset} on, fetched as the reader gets to each. */
    private final class ChunkStream extends InputStream {
        private final String appId;
        private final String attachmentId;
        private int seq;
        private byte[] current;
        private int position;

        ChunkStream(String appId, String attachmentId, long offset) {
            this.appId = appId;
            this.attachmentId = attachmentId;
            this.seq = Math.toIntExact(offset / CHUNK_BYTES);
            this.current = fetch();
            this.position = Math.toIntExact(offset % CHUNK_BYTES);
        }

        private byte[] fetch() {
            return database.withoutTransaction(handle -> handle.createQuery("SELECT data FROM attachment_chunks "
                            + "WHERE app_id = :appId AND attachment_id = :attachmentId AND seq = :seq")
                    .bind("appId", appId)
                    .bind("attachmentId", attachmentId)
                    .bind("seq", seq++)
                    .mapTo(byte[].class)
                    .findOne()
                    .orElse(null));
        }

        @Override
        public int read() {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] buffer, int offset, int length) {
            if (length == 0) {
                return 0;
            }
            while (current != null && position >= current.length) {
                current = fetch();
                position = 0;
            }
            if (current == null) {
                return -1;
            }
            int n = Math.min(length, current.length - position);
            System.arraycopy(current, position, buffer, offset, n);
            position += n;
            return n;
        }
    }
}
