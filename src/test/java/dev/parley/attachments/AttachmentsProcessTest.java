package dev.parley.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.ParleyProcess;
import dev.parley.testing.Polling;
import dev.parley.testing.ProcessTest;
import dev.parley.testing.RawHttp;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.io.OutputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Attachments at their size limit against a server process with the heap {@code bin/parley serve} gives it (80 MB):
 * a 50 MB file goes in and comes out whole, streamed both ways; one byte more is refused and keeps nothing; and a
 * client that stops halfway through an upload leaves nothing behind.
 */
class AttachmentsProcessTest extends ProcessTest {
    private static final long LIMIT = 50L * 1024 * 1024;
    private static final Duration CLEANUP = Duration.ofSeconds(30);

    @Test
    void fiftyMegabytesGoInAndOutOfTheRecommendedHeapAndRefusedOrBrokenUploadsKeepNothing() throws Exception {
        Path dataDir = Path.of(env.get("PARLEY_DATA_DIR"));
        try (ParleyProcess parley = ParleyProcess.start(env, ParleyProcess.RECOMMENDED_HEAP)) {
            Api api = parley.awaitReady();
            Response account = api.post("/admin/accounts", Auth.bearer(OPERATOR_TOKEN), "{\"displayName\":\"Big\"}");
            Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
            String appId = api.post("/v2/apps", key, "{\"displayName\":\"Files\"}").at("/app/id");
            String path = "/v2/apps/" + appId + "/attachments?access=public";

            Response created = Media.upload(api.baseUrl(), path, key, "big.bin", "application/octet-stream",
                    () -> Media.generated(50, LIMIT), LIMIT);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            Media.Fetched got = Media.fetch("GET", created.at("/attachment/mediaUrl"), Map.of(), false);
            assertThat(got.status()).isEqualTo(200);
            assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(LIMIT));
            assertThat(got.sha256()).isEqualTo(Media.sha256(Media.generated(50, LIMIT)));
            long kept = storedBytes(dataDir);

            Response tooLarge = Media.upload(api.baseUrl(), path, key, "bigger.bin", "application/octet-stream",
                    () -> Media.generated(51, LIMIT + 1), LIMIT + 1);
            assertThat(tooLarge.status()).as(tooLarge.toString()).isEqualTo(413);
            assertThat(tooLarge.errorCode()).isEqualTo("payload_too_large");
            assertThat(Polling.until(() -> storedBytes(dataDir), n -> n == kept, CLEANUP)).isEqualTo(kept);

            try (Socket socket = RawHttp.connect(java.net.URI.create(api.baseUrl()).getPort())) {
                OutputStream out = socket.getOutputStream();
                out.write(("POST " + path + " HTTP/1.1\r\nHost: 127.0.0.1\r\nAuthorization: " + key.header()
                        + "\r\nContent-Type: multipart/form-data; boundary=" + Media.BOUNDARY
                        + "\r\nContent-Length: " + (20 * 1024 * 1024) + "\r\n\r\n")
                        .getBytes(StandardCharsets.ISO_8859_1));
                out.write(Media.head("half.bin", "application/octet-stream"));
                Media.generated(52, 10 * 1024 * 1024).transferTo(out);
                out.flush();
                assertThat(Polling.until(() -> storedBytes(dataDir), n -> n > kept, CLEANUP))
                        .as("the upload's first bytes are stored before the client stops").isGreaterThan(kept);
            }
            assertThat(Polling.until(() -> storedBytes(dataDir), n -> n == kept, CLEANUP)).isEqualTo(kept);
            assertThat(api.get("/health", null).status()).as(parley.output()).isEqualTo(200);
            assertThat(parley.stop()).isZero();
        }
        try (Connection connection = TestDatabase.connect(env, dataDir)) {
            assertThat(Media.count(connection, "SELECT COUNT(*) FROM attachments")).isEqualTo(1);
        }
    }

    /** The stored pieces of attachments: chunk rows on PostgreSQL, files (temporary ones too) on the embedded one. */
    private long storedBytes(Path dataDir) {
        if (database == TestDatabase.EMBEDDED) {
            return Media.storedFiles(dataDir).size();
        }
        try (Connection connection = TestDatabase.connect(env, dataDir)) {
            return Media.count(connection, "SELECT COUNT(*) FROM attachment_chunks");
        } catch (SQLException e) {
            throw new AssertionError(e);
        }
    }
}
