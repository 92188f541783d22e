package dev.parley.attachments;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.SequenceInputStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.Callable;
import java.util.stream.Stream;

/**
 * Uploads and downloads of attachments for the tests, streamed both ways: a test never holds a large file either.
 * Uploads are multipart bodies built around the file as the published clients send them.
 */
public final class Media {
    static final String BOUNDARY = "parley-test-boundary-7MA4YWxkTrZu0gW";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build();
    private static final ObjectMapper JSON = new ObjectMapper();

    private Media() {
    }

    /** A download: status, headers, and the body's bytes (small files) or its SHA-256 (any size). */
    record Fetched(int status, java.net.http.HttpHeaders headers, byte[] body, String sha256) {
        String header(String name) {
            return headers.firstValue(name).orElse(null);
        }
    }

    /** The multipart framing before the file, in the part {@code source}. */
    static byte[] head(String fileName, String contentType) {
        return ("--" + BOUNDARY + "\r\nContent-Disposition: form-data; name=\"source\"; filename=\"" + fileName
                + "\"\r\n" + (contentType == null ? "" : "Content-Type: " + contentType + "\r\n") + "\r\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    static byte[] tail() {
        return ("\r\n--" + BOUNDARY + "--\r\n").getBytes(StandardCharsets.US_ASCII);
    }

    /** POSTs {@code size} bytes of {@code content} as the file of an upload to {@code path} (with its query). */
    public static Response upload(String baseUrl, String path, Auth auth, String fileName, String contentType,
                           Callable<InputStream> content, long size) {
        byte[] head = head(fileName, contentType);
        byte[] tail = tail();
        return send(baseUrl, path, auth, "multipart/form-data; boundary=" + BOUNDARY, () -> new SequenceInputStream(
                java.util.Collections.enumeration(List.of(new ByteArrayInputStream(head), call(content),
                        new ByteArrayInputStream(tail)))), head.length + size + tail.length);
    }

    public static Response upload(String baseUrl, String path, Auth auth, String fileName, String contentType,
                           byte[] content) {
        return upload(baseUrl, path, auth, fileName, contentType, () -> new ByteArrayInputStream(content),
                content.length);
    }

    /** POSTs a body as it is, with that Content-Type; the answer is checked against openapi.yaml. */
    static Response send(String baseUrl, String path, Auth auth, String contentType, Callable<InputStream> body,
                         long length) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(baseUrl + path))
                .timeout(Duration.ofSeconds(120))
                .header("Content-Type", contentType)
                .POST(HttpRequest.BodyPublishers.fromPublisher(
                        HttpRequest.BodyPublishers.ofInputStream(() -> call(body)), length));
        if (auth.header() != null) {
            request.header("Authorization", auth.header());
        }
        try {
            HttpResponse<String> raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString());
            Response response = new Response(raw.statusCode(), raw.headers(), raw.body(), parse(raw.body()));
            Api.checkContract("POST", path, response);
            return response;
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /** GETs or HEADs a media URL with these headers, keeping the body when {@code keepBody}, else its digest. */
    static Fetched fetch(String method, String url, Map<String, String> headers, boolean keepBody) {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(120))
                .method(method, HttpRequest.BodyPublishers.noBody());
        headers.forEach(request::header);
        try {
            HttpResponse<InputStream> raw = HTTP.send(request.build(), HttpResponse.BodyHandlers.ofInputStream());
            try (InputStream in = raw.body()) {
                if (keepBody) {
                    return new Fetched(raw.statusCode(), raw.headers(), in.readAllBytes(), null);
                }
                return new Fetched(raw.statusCode(), raw.headers(), null, sha256(in));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    static Fetched get(String url) {
        return fetch("GET", url, Map.of(), true);
    }

    /** The SHA-256 of a stream, read a buffer at a time. */
    static String sha256(InputStream in) throws IOException {
        DigestInputStream digesting = new DigestInputStream(in, digest());
        digesting.transferTo(java.io.OutputStream.nullOutputStream());
        return HexFormat.of().formatHex(digesting.getMessageDigest().digest());
    }

    /** {@code size} pseudo-random bytes of that seed, generated as they are read. */
    static InputStream generated(long seed, long size) {
        Random random = new Random(seed);
        return new InputStream() {
            private long left = size;

            @Override
            public int read() {
                byte[] one = new byte[1];
                return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
            }

            @Override
            public int read(byte[] buffer, int offset, int length) {
                if (left == 0) {
                    return -1;
                }
                int n = (int) Math.min(length, left);
                byte[] bytes = new byte[n];
                random.nextBytes(bytes);
                System.arraycopy(bytes, 0, buffer, offset, n);
                left -= n;
                return n;
            }
        };
    }

    /** Counts rows of a query on the server's database. */
    static long count(Connection connection, String sql, String... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setString(i + 1, values[i]);
            }
            try (ResultSet rows = statement.executeQuery()) {
                rows.next();
                return rows.getLong(1);
            }
        }
    }

    /** The files kept under a data directory's attachments, temporary ones included. */
    static List<Path> storedFiles(Path dataDir) {
        Path root = dataDir.resolve("attachments");
        if (!Files.exists(root)) {
            return List.of();
        }
        try (Stream<Path> files = Files.walk(root)) {
            return files.filter(Files::isRegularFile).toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static MessageDigest digest() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static InputStream call(Callable<InputStream> content) {
        try {
            return content.call();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static JsonNode parse(String text) {
        try {
            return text.isEmpty() ? null : JSON.readTree(text);
        } catch (IOException e) {
            return null;
        }
    }
}
