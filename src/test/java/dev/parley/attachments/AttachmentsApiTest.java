package dev.parley.attachments;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.ParleyConfig;
import dev.parley.crypto.IdGenerator;
import dev.parley.store.Database;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Attachments through the API on a shared server: uploads, the headers and ranges files are served with, removal,
 * isolation between apps, refused uploads that keep nothing, and the cascades that delete attachments with their
 * message, conversation, user or app (reclaimed by the purge, which the test runs as another server would).
 */
class AttachmentsApiTest extends ApiTest {
    /** A 1×1 PNG. */
    static final byte[] PNG = Base64.getDecoder().decode(
            "iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg==");
    private static final String MEDIA_URL = "^http://127\\.0\\.0\\.1:\\d+/media/[0-9a-f]{24}/[A-Za-z0-9_-]{43}/.+$";

    private AccountFixture account;
    private String appId;
    private DataPlane app;
    private Database pool;

    @BeforeEach
    void anApp() {
        account = createAccount("Attachments", 5);
        appId = createApp(account.basic(), "Files");
        app = new DataPlane(api, appId, account.basic());
    }

    @AfterEach
    void closePool() {
        if (pool != null) {
            pool.close();
        }
    }

    private Response upload(String query, String fileName, String contentType, byte[] content) {
        return upload(appId, account.basic(), query, fileName, contentType, content);
    }

    private static Response upload(String appId, Auth auth, String query, String fileName, String contentType,
                                   byte[] content) {
        return Media.upload(api.baseUrl(), "/v2/apps/" + appId + "/attachments" + query, auth, fileName, contentType,
                content);
    }

    private String uploaded(String query, String fileName, String contentType, byte[] content) {
        Response created = upload(query, fileName, contentType, content);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/attachment/mediaUrl");
    }

    private Response remove(String appId, Auth auth, String mediaUrl) {
        return api.post("/v2/apps/" + appId + "/attachments/remove", auth, "{\"mediaUrl\":\"" + mediaUrl + "\"}");
    }

    /** The stored rows and bytes of every attachment: rows, then chunks or files. */
    private long[] stored() throws Exception {
        try (Connection connection = server.connect()) {
            long rows = Media.count(connection, "SELECT COUNT(*) FROM attachments");
            long bytes = database == TestDatabase.POSTGRES
                    ? Media.count(connection, "SELECT COUNT(*) FROM attachment_chunks")
                    : Media.storedFiles(server.dataDir()).size();
            return new long[]{rows, bytes};
        }
    }

    /** Runs the attachments' purge as another server sharing the database would, until it finds nothing. */
    private void purge() {
        if (pool == null) {
            pool = Database.connect(ParleyConfig.from(server.env()));
        }
        AttachmentContents contents = database == TestDatabase.POSTGRES ? new DatabaseContents(pool)
                : new FileContents(server.dataDir());
        AttachmentPurge purge = new AttachmentPurge(pool, contents, Clock.systemUTC());
        while (purge.runBatch() > 0) {
            // Each batch reclaims up to its bound; the loop ends when nothing is left.
        }
    }

    private static byte[] random(int size) {
        byte[] bytes = new byte[size];
        new Random(size).nextBytes(bytes);
        return bytes;
    }

    @Test
    void whatAServerStoppedMidUploadLeftIsDeletedOnceNoUploadCouldStillBeGoingOn() throws Exception {
        String abandoned = IdGenerator.floorAt(Instant.now().minus(Duration.ofDays(2))).substring(0, 18) + "00a0a0";
        String inProgress = IdGenerator.floorAt(Instant.now().minus(Duration.ofHours(1))).substring(0, 18) + "00b0b0";
        List<String> left = new ArrayList<>();
        try (Connection connection = server.connect()) {
            for (String uploadId : List.of(abandoned, inProgress)) {
                if (database == TestDatabase.POSTGRES) {
                    for (int seq = 0; seq < 2; seq++) {
                        try (PreparedStatement insert = connection.prepareStatement("INSERT INTO attachment_chunks "
                                + "(app_id, attachment_id, seq, data) VALUES (?, ?, ?, ?)")) {
                            insert.setString(1, appId);
                            insert.setString(2, uploadId);
                            insert.setInt(3, seq);
                            insert.setBytes(4, PNG);
                            insert.executeUpdate();
                        }
                    }
                } else {
                    Path directory = Files.createDirectories(server.dataDir().resolve("attachments").resolve(appId));
                    Files.write(directory.resolve(uploadId + "-1234.upload"), PNG);
                }
            }
            purge();
            if (database == TestDatabase.POSTGRES) {
                try (PreparedStatement chunks = connection.prepareStatement(
                        "SELECT DISTINCT attachment_id FROM attachment_chunks WHERE app_id = ?")) {
                    chunks.setString(1, appId);
                    try (ResultSet rows = chunks.executeQuery()) {
                        while (rows.next()) {
                            left.add(rows.getString(1));
                        }
                    }
                }
                connection.createStatement().executeUpdate("DELETE FROM attachment_chunks WHERE attachment_id = '"
                        + inProgress + "'");
            } else {
                try (var files = Files.list(server.dataDir().resolve("attachments").resolve(appId))) {
                    for (Path file : files.toList()) {
                        left.add(file.getFileName().toString().split("-", 2)[0]);
                        Files.delete(file);
                    }
                }
            }
        }
        assertThat(left).as("the upload begun two days ago is gone, the one begun an hour ago is not")
                .containsExactly(inProgress);
    }

    @Test
    void anUploadRefusedBeforeItsFileIsReadIsStillAnsweredInTheErrorShape() throws Exception {
        long[] before = stored();
        Response wrongKey = upload(appId, Auth.basic(account.keyId(), "wrong"), "?access=public", "big.bin",
                "application/octet-stream", random(1_000_000));
        assertThat(wrongKey.status()).as(wrongKey.toString()).isEqualTo(401);
        assertThat(wrongKey.at("/errors/0/code")).isEqualTo("unauthorized");
        AccountFixture other = createAccount("Elsewhere", null);
        Response otherAccount = upload(appId, other.basic(), "?access=public", "big.bin",
                "application/octet-stream", random(1_000_000));
        assertThat(otherAccount.status()).as(otherAccount.toString()).isEqualTo(404);
        assertThat(stored()).isEqualTo(before);
    }

    @Test
    void anUploadedImageIsServedInlineWithItsTypeLengthAndSafeHeaders() {
        Response created = upload("?access=public", "pixel.png", "image/png", PNG);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.at("/attachment/mediaType")).isEqualTo("image/png");
        String url = created.at("/attachment/mediaUrl");
        assertThat(url).matches(MEDIA_URL).contains("/media/" + appId + "/").endsWith("/pixel.png");

        Media.Fetched got = Media.get(url);
        assertThat(got.status()).isEqualTo(200);
        assertThat(got.body()).isEqualTo(PNG);
        assertThat(got.header("Content-Type")).isEqualTo("image/png");
        assertThat(got.header("Content-Length")).isEqualTo(String.valueOf(PNG.length));
        assertThat(got.header("X-Content-Type-Options")).isEqualTo("nosniff");
        assertThat(got.header("Content-Disposition"))
                .isEqualTo("inline; filename=\"pixel.png\"; filename*=UTF-8''pixel.png");
        assertThat(got.header("Accept-Ranges")).isEqualTo("bytes");
        assertThat(got.header("Cache-Control")).isEqualTo("private, max-age=300");
        assertThat(got.header("Content-Security-Policy")).startsWith("sandbox");

        Media.Fetched head = Media.fetch("HEAD", url, Map.of(), true);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.body()).isEmpty();
        assertThat(head.header("Content-Length")).isEqualTo(String.valueOf(PNG.length));
        assertThat(head.header("Content-Type")).isEqualTo("image/png");
        assertThat(head.header("Content-Disposition")).isEqualTo(got.header("Content-Disposition"));
    }

    @Test
    void aPdfIsInlineAndHtmlSvgAndUnknownTypesAreDownloadsNeverRun() {
        byte[] pdf = "%PDF-1.4\n%%EOF\n".getBytes(StandardCharsets.US_ASCII);
        Media.Fetched gotPdf = Media.get(uploaded("?access=public", "report.pdf", "application/pdf", pdf));
        assertThat(gotPdf.header("Content-Type")).isEqualTo("application/pdf");
        assertThat(gotPdf.header("Content-Disposition")).startsWith("inline; ");
        assertThat(gotPdf.body()).isEqualTo(pdf);

        byte[] html = "<script>alert(document.cookie)</script>".getBytes(StandardCharsets.UTF_8);
        for (String type : new String[]{"text/html; charset=utf-8", "image/svg+xml", "application/javascript",
                "text/xml"}) {
            Media.Fetched got = Media.get(uploaded("?access=public", "page.html", type, html));
            assertThat(got.header("Content-Type")).as(type).isEqualTo(type.replace("; charset=utf-8", ""));
            assertThat(got.header("Content-Disposition")).as(type)
                    .isEqualTo("attachment; filename=\"page.html\"; filename*=UTF-8''page.html");
            assertThat(got.header("Content-Security-Policy")).as(type).startsWith("sandbox");
            assertThat(got.header("X-Content-Type-Options")).as(type).isEqualTo("nosniff");
        }
        Response untyped = upload("?access=public", "blob", null, html);
        assertThat(untyped.at("/attachment/mediaType")).isEqualTo("application/octet-stream");
        assertThat(upload("?access=public", "photo.png", "application/octet-stream", PNG)
                .at("/attachment/mediaType")).as("the type of the name's extension").isEqualTo("image/png");
        assertThat(upload("?access=public", "photo.png", "image/jpeg", PNG).at("/attachment/mediaType"))
                .as("the part's own type").isEqualTo("image/jpeg");
        Response invalid = upload("?access=public", "blob", "not a type", html);
        assertThat(invalid.at("/attachment/mediaType")).isEqualTo("application/octet-stream");
        assertThat(Media.get(invalid.at("/attachment/mediaUrl")).header("Content-Disposition"))
                .startsWith("attachment; ");
    }

    @Test
    void fileNamesAreSanitisedForTheUrlAndTheContentDisposition() {
        String url = uploaded("?access=public", "../../etc/ré\\\"sumé 2026;.png", "image/png", PNG);
        assertThat(url).endsWith("/r%C3%A9_sum%C3%A9_2026_.png");
        assertThat(Media.get(url).header("Content-Disposition")).isEqualTo(
                "inline; filename=\"r__sum__2026_.png\"; filename*=UTF-8''r%C3%A9_sum%C3%A9_2026_.png");
        assertThat(uploaded("?access=public", "...", "image/png", PNG)).endsWith("/file");
    }

    @Test
    void rangesServeTheFirstMiddleAndLastBytesAndRefuseOnesOutsideTheFile() {
        // Over one 256 KB chunk, so ranges cross a chunk's end on PostgreSQL.
        byte[] file = random(300_000);
        String url = uploaded("?access=public", "data.bin", "application/octet-stream", file);

        Media.Fetched first = Media.fetch("GET", url, Map.of("Range", "bytes=0-9"), true);
        assertThat(first.status()).isEqualTo(206);
        assertThat(first.body()).isEqualTo(Arrays.copyOfRange(file, 0, 10));
        assertThat(first.header("Content-Range")).isEqualTo("bytes 0-9/300000");
        assertThat(first.header("Content-Length")).isEqualTo("10");

        Media.Fetched middle = Media.fetch("GET", url, Map.of("Range", "bytes=262000-262299"), true);
        assertThat(middle.status()).isEqualTo(206);
        assertThat(middle.body()).isEqualTo(Arrays.copyOfRange(file, 262_000, 262_300));
        assertThat(middle.header("Content-Range")).isEqualTo("bytes 262000-262299/300000");

        Media.Fetched suffix = Media.fetch("GET", url, Map.of("Range", "bytes=-50"), true);
        assertThat(suffix.status()).isEqualTo(206);
        assertThat(suffix.body()).isEqualTo(Arrays.copyOfRange(file, 299_950, 300_000));
        assertThat(suffix.header("Content-Range")).isEqualTo("bytes 299950-299999/300000");

        Media.Fetched outside = Media.fetch("GET", url, Map.of("Range", "bytes=300000-"), true);
        assertThat(outside.status()).isEqualTo(416);
        assertThat(outside.header("Content-Range")).isEqualTo("bytes */300000");
        assertThat(json(new String(outside.body(), StandardCharsets.UTF_8)).at("/errors/0/code").asText())
                .isEqualTo("range_not_satisfiable");

        Media.Fetched whole = Media.fetch("GET", url, Map.of("Range", "bytes=0-1,5-6"), true);
        assertThat(whole.status()).isEqualTo(200);
        assertThat(whole.body()).isEqualTo(file);
    }

    @Test
    void anUnknownTokenIsANotFoundInTheErrorShape() {
        String url = uploaded("?access=public", "a.png", "image/png", PNG);
        String other = url.replaceFirst("/media/([0-9a-f]{24})/[A-Za-z0-9_-]{43}/",
                "/media/$1/" + "A".repeat(43) + "/");
        for (String method : new String[]{"GET", "HEAD"}) {
            Media.Fetched missing = Media.fetch(method, other, Map.of(), true);
            assertThat(missing.status()).as(method).isEqualTo(404);
        }
        assertError(api.get(other.substring(api.baseUrl().length()), null), 404, "not_found");
    }

    @Test
    void removingDeletesTheFileAndItsUrlAnswersNotFound() throws Exception {
        long[] before = stored();
        String url = uploaded("?access=public", "a.png", "image/png", PNG);
        assertThat(stored()).containsExactly(before[0] + 1, before[1] + 1);

        assertEmptyOk(remove(appId, account.basic(), url));
        assertThat(Media.get(url).status()).isEqualTo(404);
        assertThat(stored()).containsExactly(before[0], before[1]);
        assertError(remove(appId, account.basic(), url), 404, "not_found");
    }

    @Test
    void appAndIntegrationKeysUploadAndRemoveInTheirApp() {
        KeyFixture appKey = createAppKey(account.basic(), appId, "k");
        Response byAppKey = upload(appId, appKey.basic(), "?access=public", "a.png", "image/png", PNG);
        assertThat(byAppKey.status()).as(byAppKey.toString()).isEqualTo(201);
        String integrationId = created("/v2/apps/" + appId + "/integrations", account.basic(),
                "{\"type\":\"custom\",\"displayName\":\"Bot\",\"webhooks\":[{\"target\":"
                        + "\"http://127.0.0.1:9/hook\",\"triggers\":[\"conversation:message\"]}]}").at("/integration/id");
        KeyFixture integrationKey = key(created("/v2/apps/" + appId + "/integrations/" + integrationId + "/keys",
                account.basic(), "{\"displayName\":\"k\"}").json().path("key"));
        assertEmptyOk(remove(appId, integrationKey.basic(), byAppKey.at("/attachment/mediaUrl")));
    }

    @Test
    void anotherAppsKeysCannotRemoveAnAttachmentNorDeriveItsUrl() throws Exception {
        String url = uploaded("?access=public", "secret.png", "image/png", PNG);
        String otherApp = createApp(account.basic(), "Other");
        KeyFixture otherKey = createAppKey(account.basic(), otherApp, "other");
        AccountFixture stranger = createAccount("Stranger", 1);

        assertError(remove(otherApp, otherKey.basic(), url), 404, "not_found");
        assertError(remove(appId, otherKey.basic(), url), 404, "app_not_found");
        assertError(remove(appId, stranger.basic(), url), 404, "app_not_found");
        assertError(upload(appId, otherKey.basic(), "?access=public", "x.png", "image/png", PNG), 404,
                "app_not_found");
        assertThat(Media.get(url).status()).isEqualTo(200);

        // The token is 256 random bits: consecutive uploads share no prefix, and it carries no id of the app.
        String token = url.split("/")[5];
        String next = uploaded("?access=public", "secret.png", "image/png", PNG).split("/")[5];
        assertThat(token).matches("[A-Za-z0-9_-]{43}").doesNotContain(appId).doesNotContain(account.id());
        assertThat(next.substring(0, 8)).isNotEqualTo(token.substring(0, 8));
    }

    @Test
    void refusedUploadsAnswerTheErrorShapeAndKeepNothing() throws Exception {
        String conversation = app.createConversation("sdkGroup");
        long[] before = stored();
        String attachments = "/v2/apps/" + appId + "/attachments";
        assertError(upload("", "a.png", "image/png", PNG), 400, "bad_request", "access missing");
        assertError(upload("?access=private", "a.png", "image/png", PNG), 400, "bad_request", "access private");
        assertError(upload("?access=public&for=message", "a.png", "image/png", PNG), 400, "bad_request",
                "for=message without a conversation");
        assertError(upload("?access=public&for=user&conversationId=" + conversation, "a.png", "image/png", PNG),
                400, "bad_request", "for=user");
        assertError(upload("?access=public&for=message&conversationId=5f0000000000000000000000", "a.png",
                "image/png", PNG), 404, "not_found", "unknown conversation");
        byte[] noSource = ("--" + Media.BOUNDARY + "\r\nContent-Disposition: form-data; name=\"file\"; "
                + "filename=\"a.png\"\r\n\r\nabc\r\n--" + Media.BOUNDARY + "--\r\n").getBytes(StandardCharsets.UTF_8);
        assertError(Media.send(api.baseUrl(), attachments + "?access=public", account.basic(),
                "multipart/form-data; boundary=" + Media.BOUNDARY, () -> new ByteArrayInputStream(noSource),
                noSource.length), 400, "bad_request", "no source part");
        byte[] unfinished = Arrays.copyOf(noSource, 60);
        assertError(Media.send(api.baseUrl(), attachments + "?access=public", account.basic(),
                "multipart/form-data; boundary=" + Media.BOUNDARY, () -> new ByteArrayInputStream(unfinished),
                unfinished.length), 400, "bad_request", "a body without its closing boundary");
        assertError(Media.send(api.baseUrl(), attachments + "?access=public", account.basic(),
                "multipart/form-data", () -> new ByteArrayInputStream(noSource), noSource.length), 400,
                "bad_request", "no boundary");
        assertError(api.post(attachments + "?access=public", account.basic(), "{\"source\":\"abc\"}"), 415,
                "unsupported_media_type", "a JSON body");
        assertThat(stored()).containsExactly(before[0], before[1]);
    }

    @Test
    void removalsOfOtherUrlsOrBadBodiesAreRefused() {
        String removeRoute = "/v2/apps/" + appId + "/attachments/remove";
        assertError(remove(appId, account.basic(), "https://elsewhere.example/media/" + appId + "/"
                + "A".repeat(43) + "/a.png"), 400, "bad_request");
        assertError(remove(appId, account.basic(), api.baseUrl() + "/v2/apps"), 400, "bad_request");
        assertError(api.post(removeRoute, account.basic(), "{\"mediaUrl\":"), 400, "bad_request");
        assertError(api.post(removeRoute, account.basic(), "{\"mediaUrl\":5}"), 400, "bad_request");
        assertError(api.post(removeRoute, account.basic(), "{}"), 400, "bad_request");
        assertError(api.post(removeRoute, account.basic(), "{\"mediaUrl\":\"x\",\"other\":1}"), 400, "bad_request");
        assertError(api.send("POST", removeRoute, account.basic(), "text/plain", "x", Map.of()), 415,
                "unsupported_media_type");
    }

    @Test
    void aMessageNamingTheUrlCarriesItsTypeAndSizeAndTakesItAlongWhenDeleted() throws Exception {
        String conversation = app.createConversation("sdkGroup");
        String url = uploaded("?access=public&for=message&conversationId=" + conversation, "a.png", "image/png",
                PNG);
        Response message = app.created("/conversations/" + conversation + "/messages", "{\"author\":{\"type\":"
                + "\"business\"},\"content\":{\"type\":\"image\",\"mediaUrl\":\"" + url + "\"}}");
        assertThat(message.at("/messages/0/content/mediaType")).isEqualTo("image/png");
        assertThat(message.json().at("/messages/0/content/mediaSize").asLong()).isEqualTo(PNG.length);
        assertThat(Media.get(url).status()).isEqualTo(200);

        long[] before = stored();
        assertEmptyOk(api.delete(app.path("/conversations/" + conversation + "/messages/"
                + message.at("/messages/0/id")), account.basic()));
        assertGoneThenReclaimed(url, before);
    }

    @Test
    void deletingTheConversationDeletesItsAttachments() throws Exception {
        String conversation = app.createConversation("sdkGroup");
        String url = uploaded("?access=public&for=message&conversationId=" + conversation, "a.png", "image/png",
                PNG);
        long[] before = stored();
        assertEmptyOk(api.delete(app.path("/conversations/" + conversation), account.basic()));
        assertGoneThenReclaimed(url, before);
    }

    @Test
    void deletingAUserDeletesTheAttachmentsOfItsPersonalConversation() throws Exception {
        String user = app.createUser("file-owner");
        String conversation = app.createConversation("personal", user);
        String url = uploaded("?access=public&for=message&conversationId=" + conversation, "a.png", "image/png",
                PNG);
        long[] before = stored();
        assertEmptyOk(api.delete(app.path("/users/" + user), account.basic()));
        assertGoneThenReclaimed(url, before);
    }

    @Test
    void deletingTheAppDeletesAllItsAttachments() throws Exception {
        String url = uploaded("?access=public", "a.png", "image/png", PNG);
        String other = uploaded("?access=public", "b.png", "image/png", PNG);
        long[] before = stored();
        assertEmptyOk(api.delete("/v2/apps/" + appId, account.basic()));
        assertThat(Media.get(other).status()).isEqualTo(404);
        assertGoneThenReclaimed(url, new long[]{before[0] - 1, before[1] - 1});
    }

    /** The URL answers 404 at once; the purge then reclaims the row and the bytes. */
    private void assertGoneThenReclaimed(String url, long[] before) throws Exception {
        assertThat(Media.get(url).status()).isEqualTo(404);
        purge();
        long[] after = Polling.until(() -> {
            try {
                return stored();
            } catch (Exception e) {
                throw new AssertionError(e);
            }
        }, counts -> counts[0] == before[0] - 1 && counts[1] == before[1] - 1, Duration.ofSeconds(10));
        assertThat(after).containsExactly(before[0] - 1, before[1] - 1);
    }
}
