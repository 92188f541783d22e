package dev.parley.attachments;

import dev.parley.api.ApiException;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpFields;
import org.eclipse.jetty.http.MultiPart;
import org.eclipse.jetty.io.Content;

/**
 * Reads a {@code multipart/form-data} body as it arrives, with Jetty's multipart parser, writing the content of its
 * {@code source} part straight to where attachments are kept: memory holds one read buffer, whatever the file's
 * size. Other parts are read past and dropped.
 */
final class MultipartUpload {
    static final String PART = "source";
    private static final int READ_BYTES = 64 * 1024;
    /** Room for the multipart framing and the other parts around the file. */
    private static final long FRAMING_BYTES = 1024 * 1024;

    /** What arrived in the {@code source} part. */
    record Received(String fileName, String mediaType, long size) {
    }

    private MultipartUpload() {
    }

    /**
     * Fails with a 413 before reading when the declared length is over what a file within the limit needs.
     *
     * @param declared the Content-Length, or -1 when the body is chunked
     */
    static void checkDeclaredLength(long declared, long maxFileBytes) {
        if (declared > maxFileBytes + FRAMING_BYTES) {
            throw tooLarge(maxFileBytes);
        }
    }

    /** Streams the body's {@code source} part into {@code content}; 400 when there is none, 413 past the limit. */
    static Received read(InputStream body, String contentType, long maxFileBytes,
                         AttachmentContents.NewContent content) {
        String boundary = MultiPart.extractBoundary(contentType);
        if (boundary == null || boundary.isEmpty()) {
            throw ApiException.badRequest("The multipart/form-data Content-Type has no boundary");
        }
        SourcePart source = new SourcePart(content, maxFileBytes);
        MultiPart.Parser parser = new MultiPart.Parser(boundary, source);
        long total = 0;
        while (!source.done) {
            // A buffer of its own for each read: the parser may hold on to a slice of one across calls.
            byte[] buffer = new byte[READ_BYTES];
            int n = readSome(body, buffer);
            total += Math.max(n, 0);
            if (total > maxFileBytes + FRAMING_BYTES) {
                throw tooLarge(maxFileBytes);
            }
            parser.parse(Content.Chunk.from(ByteBuffer.wrap(buffer, 0, Math.max(n, 0)), n < 0));
            source.rethrow();
            if (n < 0 && !source.done) {
                throw ApiException.badRequest("The multipart/form-data body ended before its closing boundary");
            }
        }
        if (source.size < 0) {
            throw ApiException.badRequest("The file must be sent in the multipart/form-data part named source");
        }
        String fileName = FileNames.sanitise(source.fileName);
        return new Received(fileName, MediaTypes.of(source.contentType, fileName), source.size);
    }

    /** A client that stops sending has nothing to be told; its upload is undone all the same. */
    private static int readSome(InputStream body, byte[] buffer) {
        try {
            return body.read(buffer);
        } catch (IOException e) {
            throw ApiException.badRequest("The upload could not be read to its end");
        }
    }

    static ApiException tooLarge(long maxFileBytes) {
        return new ApiException(413, "payload_too_large",
                "Attachments are limited to " + maxFileBytes / (1024 * 1024) + " MB");
    }

    /** Writes the first {@code source} part's content as the parser finds it; remembers what went wrong. */
    private static final class SourcePart extends MultiPart.AbstractPartsListener {
        private final AttachmentContents.NewContent content;
        private final long maxFileBytes;
        private String partContentType;
        private String contentType;
        private String fileName;
        /** The bytes of the source part written, or -1 while none has begun. */
        private long size = -1;
        private boolean writing;
        private boolean done;
        private RuntimeException failure;

        SourcePart(AttachmentContents.NewContent content, long maxFileBytes) {
            this.content = content;
            this.maxFileBytes = maxFileBytes;
        }

        @Override
        public void onPartBegin() {
            partContentType = null;
        }

        @Override
        public void onPartHeaders() {
            if (PART.equals(getName()) && failure == null) {
                if (size >= 0) {
                    failure = ApiException.badRequest("Only one part may be named source");
                    return;
                }
                writing = true;
                size = 0;
                fileName = getFileName();
                contentType = partContentType;
            }
        }

        @Override
        public void onPartHeader(String name, String value) {
            super.onPartHeader(name, value);
            if (HttpHeader.CONTENT_TYPE.is(name)) {
                partContentType = value;
            }
        }

        @Override
        public void onPartContent(Content.Chunk chunk) {
            if (!writing || failure != null) {
                return;
            }
            ByteBuffer bytes = chunk.getByteBuffer();
            size += bytes.remaining();
            if (size > maxFileBytes) {
                failure = tooLarge(maxFileBytes);
                return;
            }
            try {
                content.write(bytes);
            } catch (IOException e) {
                failure = new UncheckedIOException(e);
            }
        }

        @Override
        public void onPart(String name, String fileName, HttpFields headers) {
            writing = false;
        }

        @Override
        public void onComplete() {
            done = true;
        }

        @Override
        public void onFailure(Throwable cause) {
            if (failure == null) {
                failure = ApiException.badRequest("The multipart/form-data body is malformed");
            }
        }

        void rethrow() {
            if (failure != null) {
                throw failure;
            }
        }
    }
}
