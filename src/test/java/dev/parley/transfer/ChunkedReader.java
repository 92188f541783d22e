package dev.parley.transfer;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;

/** Reads a chunked HTTP/1.1 response off a raw socket, a chunk at a time, as slowly as its caller asks. */
final class ChunkedReader {
    private final InputStream in;
    private final ByteArrayOutputStream body = new ByteArrayOutputStream();
    private boolean ended;

    ChunkedReader(InputStream in) throws IOException {
        this.in = in;
        String headers = "";
        while (!headers.endsWith("\r\n\r\n")) {
            headers += line() + "\r\n";
        }
        if (!headers.startsWith("HTTP/1.1 200") || !headers.toLowerCase().contains("transfer-encoding: chunked")) {
            throw new IOException("not a chunked 200: " + headers);
        }
    }

    /** Reads chunks until the body read so far contains the text, or the body ends. */
    String readUntil(String text) throws IOException {
        while (!ended && !body.toString(StandardCharsets.UTF_8).contains(text)) {
            chunk();
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    /** The whole body. */
    String readAll() throws IOException {
        while (!ended) {
            chunk();
        }
        return body.toString(StandardCharsets.UTF_8);
    }

    private void chunk() throws IOException {
        int size = Integer.parseInt(line().strip(), 16);
        if (size == 0) {
            ended = true;
            return;
        }
        body.write(in.readNBytes(size));
        line();
    }

    private String line() throws IOException {
        StringBuilder line = new StringBuilder();
        for (int b = in.read(); b != '\n'; b = in.read()) {
            if (b < 0) {
                throw new IOException("the response ended early");
            }
            if (b != '\r') {
                line.append((char) b);
            }
        }
        return line.toString();
    }
}
