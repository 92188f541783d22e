package dev.parley.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * Two Parley servers sharing one PostgreSQL, where attachments are kept in the database: a file uploaded through
 * one is served whole, and by ranges, by the other, and a removal through either ends it on both.
 */
class AttachmentsAcrossServersTest {
    @Test
    void aFileUploadedThroughOneServerIsServedAndRemovedThroughAnother() {
        try (TestServer first = new TestServer(TestDatabase.POSTGRES);
             TestServer second = TestServer.sharing(first)) {
            Api one = first.api();
            Response account = one.post("/admin/accounts", first.operator(), "{\"displayName\":\"Shared\"}");
            Auth key = Auth.basic(account.at("/key/id"), account.at("/key/secret"));
            String appId = one.post("/v2/apps", key, "{\"displayName\":\"Shared files\"}").at("/app/id");
            byte[] file = new byte[600_000];
            new Random(7).nextBytes(file);

            Response created = Media.upload(one.baseUrl(), "/v2/apps/" + appId + "/attachments?access=public", key,
                    "shared.bin", "application/octet-stream", file);
            assertThat(created.status()).as(created.toString()).isEqualTo(201);
            String path = created.at("/attachment/mediaUrl").substring(one.baseUrl().length());
            String throughSecond = second.api().baseUrl() + path;

            assertThat(Media.get(throughSecond).body()).isEqualTo(file);
            assertThat(Media.fetch("GET", throughSecond, Map.of("Range", "bytes=262100-524300"), true).body())
                    .isEqualTo(Arrays.copyOfRange(file, 262_100, 524_301));

            Response removed = second.api().post("/v2/apps/" + appId + "/attachments/remove", key,
                    "{\"mediaUrl\":\"" + throughSecond + "\"}");
            assertThat(removed.status()).as(removed.toString()).isEqualTo(200);
            assertThat(Media.get(one.baseUrl() + path).status()).isEqualTo(404);
        }
    }
}
