package dev.parley.attachments;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import org.jdbi.v3.core.Handle;

/**
 * Where the bytes of attachments are kept: files under the data directory on the embedded database, chunks in the
 * database on PostgreSQL (so every server sharing it serves every attachment). Written and read a piece at a time:
 * no attachment is ever held whole in memory.
 */
public interface AttachmentContents {
    /** A place for the bytes of a new attachment, kept only once {@link NewContent#finish()} returns. */
    NewContent create(String appId, String attachmentId) throws IOException;

    /** The stored bytes from {@code offset} on; the caller reads only as many as it needs. */
    InputStream open(String appId, String attachmentId, long offset) throws IOException;

    /** Deletes the stored bytes, within the transaction of the handle where the bytes are rows. */
    void delete(Handle handle, String appId, String attachmentId) throws IOException;

    /**
     * Deletes up to {@code limit} uploads that never became attachments, their ids below {@code idsBefore}: what a
     * server stopped in the middle of an upload left (an upload that fails while the server runs deletes its own).
     * Answers how many it deleted.
     */
    int deleteAbandoned(Handle handle, String idsBefore, int limit) throws IOException;

    /** The bytes of one upload as they arrive. */
    interface NewContent {
        void write(ByteBuffer bytes) throws IOException;

        /** Makes the bytes durable and in place for {@link AttachmentContents#open}. */
        void finish() throws IOException;

        /** Deletes whatever was written, finished or not; never throws. */
        void abort();
    }
}
