package dev.parley.transfer;

import dev.parley.api.ApiException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;

/**
 * Reads a request body line by line without holding more than one line: the body is refused with a 413 once it
 * passes its limit, and a line longer than {@link #MAX_LINE_BYTES} is passed over (and reported) rather than held.
 */
final class NdjsonLines {
    static final int MAX_LINE_BYTES = 1024 * 1024;

    private final InputStream in;
    private final long maxBytes;
    private final ByteArrayOutputStream line = new ByteArrayOutputStream();
    private final byte[] buffer = new byte[64 * 1024];
    private int position;
    private int limit;
    private long read;
    private long number;
    private boolean tooLong;

    NdjsonLines(InputStream in, long maxBytes) {
        this.in = in;
        this.maxBytes = maxBytes;
    }

    /** One line of the body. */
    record Line(long number, byte[] bytes, boolean tooLong) {
    }

    /** The next line, or null at the end of the body. */
    Line next() {
        line.reset();
        tooLong = false;
        while (true) {
            if (position == limit && !fill()) {
                return line.size() == 0 && !tooLong ? null : new Line(++number, line.toByteArray(), tooLong);
            }
            byte b = buffer[position++];
            if (b == '\n') {
                return new Line(++number, line.toByteArray(), tooLong);
            }
            if (line.size() < MAX_LINE_BYTES) {
                line.write(b);
            } else {
                tooLong = true;
            }
        }
    }

    /** Whether the next line can be read, at least in part, without waiting for the client. */
    boolean hasBuffered() {
        try {
            return position < limit || in.available() > 0;
        } catch (IOException e) {
            return false;
        }
    }

    private boolean fill() {
        try {
            limit = in.read(buffer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        position = 0;
        if (limit <= 0) {
            limit = 0;
            return false;
        }
        read += limit;
        if (read > maxBytes) {
            throw tooLarge(maxBytes);
        }
        return true;
    }

    static ApiException tooLarge(long maxBytes) {
        return new ApiException(413, "payload_too_large", "Import bodies are limited to " + maxBytes + " bytes "
                + "(PARLEY_IMPORT_MAX_BYTES); the lines before the limit were imported, and importing again skips "
                + "them");
    }
}
