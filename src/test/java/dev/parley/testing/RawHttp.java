package dev.parley.testing;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

/** HTTP/1.1 written and read byte by byte on a socket, for requests no HTTP client would send. */
public final class RawHttp {
    private RawHttp() {
    }

    /** Sends the bytes as they are (ISO-8859-1) to the port on 127.0.0.1 and reads the whole response. */
    public static RawResponse send(int port, String request) throws IOException {
        try (Socket socket = connect(port)) {
            return exchange(socket, request);
        }
    }

    public static Socket connect(int port) throws IOException {
        Socket socket = new Socket();
        socket.connect(new InetSocketAddress("127.0.0.1", port), 5_000);
        socket.setSoTimeout(10_000);
        return socket;
    }

    /** Sends one request on the connection and reads its whole response, leaving the connection open. */
    public static RawResponse exchange(Socket socket, String request) throws IOException {
        OutputStream out = socket.getOutputStream();
        try {
            out.write(request.getBytes(StandardCharsets.ISO_8859_1));
            out.flush();
        } catch (IOException e) {
            // The server may answer and stop reading before the whole request is written; read its answer.
        }
        return parse(readAll(socket.getInputStream()));
    }

    private static byte[] readAll(InputStream in) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        byte[] buffer = new byte[8192];
        try {
            for (int n; (n = in.read(buffer)) >= 0; ) {
                bytes.write(buffer, 0, n);
                if (complete(bytes.toByteArray())) {
                    break;
                }
            }
        } catch (IOException e) {
            if (bytes.size() == 0) {
                throw e;
            }
        }
        return bytes.toByteArray();
    }

    /** Whether a whole response (headers and a body of the declared length, or the last chunk) has arrived. */
    private static boolean complete(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        if (end < 0) {
            return false;
        }
        Map<String, List<String>> headers = headers(text.substring(0, end));
        String rest = text.substring(end + 4);
        if (headers.containsKey("transfer-encoding")
                && headers.get("transfer-encoding").get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            return rest.endsWith("0\r\n\r\n");
        }
        if (headers.containsKey("content-length")) {
            return rest.length() >= Integer.parseInt(headers.get("content-length").get(0).strip());
        }
        return false;
    }

    private static RawResponse parse(byte[] data) {
        String text = new String(data, StandardCharsets.ISO_8859_1);
        int end = text.indexOf("\r\n\r\n");
        assertThat(end).as("a complete header block in: " + text).isPositive();
        String headerBlock = text.substring(0, end);
        String statusLine = headerBlock.split("\r\n", 2)[0];
        assertThat(statusLine).as("status line").matches("HTTP/1\\.[01] \\d{3}( .*)?");
        int status = Integer.parseInt(statusLine.split(" ")[1]);
        Map<String, List<String>> headers = headers(headerBlock);
        byte[] rest = java.util.Arrays.copyOfRange(data, end + 4, data.length);
        byte[] body;
        List<String> encoding = headers.get("transfer-encoding");
        if (encoding != null && encoding.get(0).toLowerCase(Locale.ROOT).contains("chunked")) {
            body = dechunk(rest);
        } else if (headers.containsKey("content-length")) {
            int length = Integer.parseInt(headers.get("content-length").get(0).strip());
            assertThat(rest.length).as("body of declared length in: " + text).isGreaterThanOrEqualTo(length);
            body = java.util.Arrays.copyOf(rest, length);
        } else {
            body = rest;
        }
        return new RawResponse(status, headers, headerBlock, new String(body, StandardCharsets.UTF_8));
    }

    private static Map<String, List<String>> headers(String headerBlock) {
        Map<String, List<String>> headers = new TreeMap<>();
        String[] lines = headerBlock.split("\r\n");
        for (int i = 1; i < lines.length; i++) {
            int colon = lines[i].indexOf(':');
            if (colon > 0) {
                headers.computeIfAbsent(lines[i].substring(0, colon).strip().toLowerCase(Locale.ROOT),
                        name -> new ArrayList<>()).add(lines[i].substring(colon + 1).strip());
            }
        }
        return headers;
    }

    private static byte[] dechunk(byte[] chunked) {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        int at = 0;
        while (true) {
            int lineEnd = indexOf(chunked, at);
            assertThat(lineEnd).as("chunk size line").isGreaterThanOrEqualTo(0);
            String sizeLine = new String(chunked, at, lineEnd - at, StandardCharsets.ISO_8859_1);
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon < 0 ? sizeLine : sizeLine.substring(0, semicolon)).strip(), 16);
            at = lineEnd + 2;
            if (size == 0) {
                return body.toByteArray();
            }
            body.write(chunked, at, size);
            at += size + 2;
        }
    }

    private static int indexOf(byte[] data, int from) {
        for (int i = from; i + 1 < data.length; i++) {
            if (data[i] == '\r' && data[i + 1] == '\n') {
                return i;
            }
        }
        return -1;
    }
}
