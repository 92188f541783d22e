package dev.parley.fuzz;

import static dev.parley.fuzz.Gen.w;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.util.AbstractMap;
import java.util.ArrayList;
import java.util.Base64;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Generated requests to every endpoint of openapi.yaml, sent to a server on each database: right and wrong methods,
 * real, foreign, random and hostile path ids, query strings, headers, bodies and credentials. Whatever the request,
 * the answer is never a 5xx, matches the document and the error shape (the harness checks both), betrays no
 * internals, and a rejected request changes no stored row. On top of that: no credential reaches or learns anything
 * of another account, ids that name nothing never answer 2xx, invalid credentials answer exactly 401, and what a
 * successful write answers is what a read returns afterwards.
 */
class GeneratedRequestsTest {
    private static final int ANY_REQUEST_TRIES = 600;
    private static final int WRITE_TRIES = 250;
    private static final int CREDENTIAL_TRIES = 150;

    private static final Pattern SANE_REQUEST_ID = Pattern.compile("[A-Za-z0-9._:-]{1,64}");
    private static final List<String> ALL_METHODS = List.of("GET", "POST", "PUT", "PATCH", "DELETE", "HEAD",
            "OPTIONS", "TRACE", "PURGE", "get", "Post", "LINK");

    private static final List<String> HEALTH_PROBES = List.of("/health", "/health/live");
    /** The body shapes of the writes inside an app, by the end of their path. */
    private static final Map<String, String> DATA_SHAPES = Map.of("/users", "user",
            "/users/{userIdOrExternalId}", "userUpdate", "/conversations", "conversation",
            "/conversations/{conversationId}", "conversationUpdate", "/join", "participant", "/leave", "leaving",
            "/messages", "message", "/activity", "activity");
    private static final List<Endpoint> DOCUMENTED = documentedEndpoints();
    /** Paths the document does not describe, the audit log (which it does not list either) among them. */
    private static final List<Endpoint> UNDOCUMENTED = List.of(
            new Endpoint("/admin/audit", List.of("GET")),
            new Endpoint("/v2", List.of("GET")), new Endpoint("/v1/apps", List.of("GET")),
            new Endpoint("/V2/apps", List.of("GET")), new Endpoint("/v2/apps/", List.of("GET", "POST")),
            new Endpoint("//v2//apps", List.of("GET")), new Endpoint("/v2/apps;x=y", List.of("GET")),
            new Endpoint("/v2/apps/{appId}/", List.of("GET")),
            new Endpoint("/v2/apps/{appId}/keys/{keyId}/jwt", List.of("GET")),
            new Endpoint("/v2/apps/{appId}/nothing", List.of("GET")),
            new Endpoint("/admin/accounts/{accountId}/apps", List.of("GET")),
            new Endpoint("/v1.1/apps/{appId}/keys/{keyId}/jwt/more", List.of("GET")),
            new Endpoint("/openapi.json", List.of("GET")), new Endpoint("/health/", List.of("GET")));

    private static final List<Target> targets = new ArrayList<>();
    /** How the servers answered in the current test, by method and status: printed, so coverage shows. */
    private static final Map<String, Integer> answers = new TreeMap<>();

    @BeforeAll
    static void startServers() {
        for (TestDatabase database : TestDatabase.values()) {
            targets.add(new Target(new TestServer(database)));
        }
    }

    @AfterEach
    void printAnswers(TestInfo test) {
        System.out.println(test.getDisplayName() + " answers by method and status: " + answers);
        answers.clear();
    }

    @AfterAll
    static void stopServers() {
        targets.forEach(Target::close);
        targets.clear();
    }

    @Test
    void anyRequestToAnyEndpointIsAnsweredWithinTheContract() {
        assertThat(DOCUMENTED).as("the endpoints of openapi.yaml").hasSizeGreaterThanOrEqualTo(25)
                .allSatisfy(endpoint -> assertThat(endpoint.methods()).isNotEmpty());
        List<Map.Entry<Endpoint, String>> operations = new ArrayList<>();
        DOCUMENTED.forEach(endpoint -> endpoint.methods().forEach(method -> operations.add(Map.entry(endpoint, method))));
        Gen.forEachTry("anyRequestToAnyEndpoint", ANY_REQUEST_TRIES, (gen, n) -> {
            // Every documented operation comes first, once, with everything else generated; then anything goes.
            Request request = n < operations.size()
                    ? anyRequest(gen, operations.get(n).getKey(), operations.get(n).getValue())
                    : anyRequest(gen, null, null);
            exchange(request, false);
        });
    }

    @Test
    void generatedBodiesOnEveryWritingEndpoint() {
        Gen.forEachTry("generatedBodiesOnEveryWritingEndpoint", WRITE_TRIES, (gen, n) -> {
            Request request = writeRequest(gen);
            exchange(request, false);
        });
    }

    @Test
    void credentialsAreEitherValidOrAnswer401() {
        Gen.forEachTry("credentialsAreEitherValidOrAnswer401", CREDENTIAL_TRIES, (gen, n) -> {
            Endpoint endpoint = gen.oneOf(DOCUMENTED.stream().filter(e -> !e.isPublic()).toList());
            Request plain = wellFormedRequest(gen, endpoint, gen.oneOf(endpoint.methods()));
            Credential credential = gen.chance(0.35) ? validCredential(gen, endpoint.isAdmin())
                    : anyCredential(gen, endpoint.isAdmin());
            exchange(plain.with(credential), true);
        });
    }

    // ---------------------------------------------------------------------------------------------------------
    // Sending and checking

    /** Sends the request to the server on each database and holds each answer to every rule. */
    private static void exchange(Request request, boolean exactCredentialOutcome) throws Exception {
        for (Target target : targets) {
            target.exchange(request, exactCredentialOutcome);
        }
    }

    /** Whether the request line and headers exceed the 16 KB the server reads of them before it refuses a request. */
    private static boolean beyondTheHeaderLimit(Rendered sent) {
        long size = sent.path().length() + sent.headers().entrySet().stream()
                .mapToLong(header -> header.getKey().length() + String.valueOf(header.getValue()).length()).sum()
                + (sent.auth() == null || sent.auth().header() == null ? 0 : sent.auth().header().length());
        return size > 16 * 1024;
    }

    /**
     * Whether the HTTP parser refuses the request's path (an encoded NUL) before any handler sees it, while the
     * request carries a body: the 400 goes out and the connection closes without the body being read, so on a busy
     * machine a client still writing it can see the reset first (seen once, a 92 KB body, both cores busy).
     */
    private static boolean refusedByTheParserWithABody(Rendered sent) {
        return sent.path().contains("%00") && sent.body() != null && sent.body().length() > 16 * 1024;
    }

    private static final class Target implements AutoCloseable {
        private final TestServer server;
        private final Api api;
        private final Connection db;
        private final Fixture fixture;
        private String previous = "none";

        Target(TestServer server) {
            this.server = server;
            this.api = server.api();
            try {
                this.db = server.connect();
            } catch (SQLException e) {
                throw new AssertionError(e);
            }
            this.fixture = new Fixture(api, server.operator(), db);
            fixture.build();
        }

        void exchange(Request request, boolean exactCredentialOutcome) throws Exception {
            Rendered sent = request.render(fixture);
            String what = server.database() + ": " + request.describe(sent);
            Map<String, List<String>> before = snapshot();
            Response response;
            try {
                response = api.send(sent.method(), sent.path(), sent.auth(), sent.contentType(), sent.body(),
                        sent.headers());
            } catch (AssertionError e) {
                if ((beyondTheHeaderLimit(sent) || refusedByTheParserWithABody(sent))
                        && e.getCause() instanceof IOException) {
                    // The server answers 414 or 431 after reading 16 KB and closes; this client writes the whole
                    // request before it reads, so on a busy machine the close can reset the connection before the
                    // answer is read (ErrorResponsesApiTest reads that answer over a raw socket). Nothing may change.
                    previous = abbreviate(what, 2000);
                    assertThat(snapshot()).as("a refused request changed stored data: " + what).isEqualTo(before);
                    return;
                }
                throw new AssertionError(what + "\n" + e.getMessage() + "\nthe request before it on this server: "
                        + previous, e);
            }
            previous = abbreviate(what, 2000);
            String answer = "\nanswer: " + abbreviate(response.toString(), 800);
            answers.merge(sent.method() + " " + response.status(), 1, Integer::sum);
            int status = response.status();

            assertThat(status).as("never a 5xx: " + what + answer).isLessThan(500);
            assertThat(response.text()).as("the operator token never appears: " + what)
                    .doesNotContain(fixture.operatorToken());
            checkRequestId(request, response, what + answer);
            checkCommonHeaders(response, what + answer);
            if (status >= 400 && !sent.method().equals("HEAD")) {
                assertThat(response.header("Content-Type")).as("an error is JSON: " + what + answer).isNotNull()
                        .startsWith("application/json");
                String code = response.errorCode();
                String title = response.at("/errors/0/title");
                assertThat(JsonText.INTERNAL_WORDS.matcher(code + " " + title).find())
                        .as("no internals in the error: " + what + answer).isFalse();
                assertThat(JsonText.SQL_WORDS.matcher(title).find()).as("no SQL in the title: " + what + answer).isFalse();
                assertThat(fixture.secrets.values()).as("no secret in an error: " + what + answer)
                        .noneMatch(secret -> response.text().contains(secret));
                Map<String, List<String>> after = snapshot();
                if (!after.equals(before)) {
                    throw new AssertionError("a rejected request changed stored data: " + what + answer + "\n"
                            + difference(before, after));
                }
            }
            if (sent.method().equals("HEAD") && !HEALTH_PROBES.contains(sent.path().replaceFirst("\\?.*$", ""))
                    && !sent.path().startsWith("/media/")) {
                // Parley refuses HEAD rather than let the router answer it without running the GET route; the
                // health probes and served attachments run for HEAD themselves.
                assertThat(status).as("HEAD is refused: %s%s", what, answer).isIn(400, 405);
            }
            if (status < 400 && request.mustFail(fixture)) {
                throw new AssertionError("answered " + status + " although the request names something that does "
                        + "not exist for this caller (another account's record, a deleted or malformed id, or a "
                        + "record of another kind): " + what + answer);
            }
            Ref caller = request.credential().validApiKey(request.endpoint());
            if (status < 400 && caller != null) {
                for (Ref other : fixture.refsOfOtherAccount(caller)) {
                    String id = fixture.ids.get(other);
                    assertThat(response.text()).as("an answer to %s reveals %s of another account: %s%s", caller,
                            other, what, answer).doesNotContain(id);
                }
            }
            if (exactCredentialOutcome && request.pathIsWellFormed()) {
                Validity validity = request.credential().validity(request.endpoint());
                if (validity == Validity.INVALID) {
                    assertThat(status).as("invalid credentials answer 401: " + what + answer).isEqualTo(401);
                    assertThat(response.errorCode()).isEqualTo("unauthorized");
                } else if (validity == Validity.VALID) {
                    assertThat(status).as("valid credentials are accepted: " + what + answer).isNotEqualTo(401);
                }
            }
            if (status < 300 && !sent.method().equals("HEAD")) {
                assertThat(response.header("Content-Type")).as("the content type of " + what + answer).isNotNull()
                        .startsWith(successContentType(sent.path()));
                checkList(request, response, what + answer);
            }
            if (status < 400 && request.readBack() != null) {
                checkReadBack(request, sent, response, what + answer);
            }
            if (status < 400 && !sent.method().equals("GET")) {
                fixture.repair();
            }
        }

        /** A list runs oldest first (ids ascending) and holds no more records than the page asked for. */
        private void checkList(Request request, Response response, String what) {
            JsonNode json = response.json();
            if (json == null || !json.isObject()) {
                return;
            }
            for (String member : List.of("apps", "serviceAccounts", "accounts", "keys", "events", "conversations",
                    "participants", "messages", "clients")) {
                JsonNode records = json.path(member);
                if (!records.isArray()) {
                    continue;
                }
                List<String> ids = new ArrayList<>();
                records.forEach(record -> ids.add(record.has("_id") ? record.path("_id").asText()
                        : record.path("id").asText()));
                assertThat(ids).as("%s oldest first, each once: %s", member, what).isSortedAccordingTo(
                        String::compareTo).doesNotHaveDuplicates();
                if (json.has("meta") || json.has("hasMore")) {
                    // A page of messages is always the 100 next to its cursor, as upstream's: page[size] is ignored.
                    assertThat(ids.size()).as("%s within the page size: %s", member, what)
                            .isLessThanOrEqualTo(member.equals("messages") ? 100 : request.pageSize());
                }
            }
        }

        /** What a successful write answered is what a read of the same record returns now. */
        private void checkReadBack(Request request, Rendered sent, Response written, String what) {
            ReadBack readBack = request.readBack();
            JsonNode record = written.json().path(readBack.member());
            String id = record.path(readBack.idField()).asText();
            String path = readBack.pathOf(sent.path().replaceFirst("\\?.*$", ""), id);
            Response read = api.get(path, sent.auth());
            assertThat(read.status()).as("read back " + path + " after " + what + "\nread: " + read).isEqualTo(200);
            assertThat(read.json().path(readBack.member()))
                    .as("the record read back from %s equals the one the write answered: %s%nread: %s", path, what,
                            read)
                    .isEqualTo(readBack.expectedRead(record));
        }

        /** The headers every response carries, and none that names the server's parts. */
        private void checkCommonHeaders(Response response, String what) {
            assertThat(response.header("X-Content-Type-Options")).as("nosniff on " + what).isEqualTo("nosniff");
            assertThat(response.header("Cache-Control")).as("Cache-Control on " + what).isEqualTo("no-store");
            assertThat(response.header("X-Frame-Options")).as("X-Frame-Options on " + what).isEqualTo("DENY");
            assertThat(String.valueOf(response.header("Server")).toLowerCase(Locale.ROOT)).as("Server on " + what)
                    .doesNotContain("jetty").doesNotContain("javalin");
            assertThat(response.headers().allValues("X-Powered-By")).as("X-Powered-By on " + what).isEmpty();
        }

        private void checkRequestId(Request request, Response response, String what) {
            String echoed = response.header("X-Request-Id");
            assertThat(echoed).as("every response carries a sane X-Request-Id: " + what).isNotNull()
                    .matches(SANE_REQUEST_ID);
            String sent = request.requestId() == null ? null : request.requestId().strip();
            // A request line or header section too long to read, or a request Jetty refuses while parsing it (a
            // control byte in the path: 400 before any handler), has no X-Request-Id the server could echo.
            boolean headersRead = response.status() != 414 && response.status() != 431
                    && !(response.status() == 400
                    && java.util.regex.Pattern.compile("(?is).*%(0[0-9a-f]|1[0-9a-f]|7f).*").matcher(what).matches());
            if (headersRead && sent != null && SANE_REQUEST_ID.matcher(sent).matches()) {
                assertThat(echoed).as("a sane X-Request-Id is echoed: " + what).isEqualTo(sent);
            }
        }

        /**
         * Every row of the provisioning tables and of the apps' data, ordered by primary key, and how many audit
         * events and app events there are.
         */
        private Map<String, List<String>> snapshot() throws SQLException {
            Map<String, List<String>> tables = new LinkedHashMap<>();
            tables.put("accounts", rows("SELECT * FROM accounts ORDER BY id"));
            tables.put("apps", rows("SELECT * FROM apps ORDER BY id"));
            tables.put("api_keys", rows("SELECT * FROM api_keys ORDER BY id"));
            tables.put("service_accounts", rows("SELECT * FROM service_accounts ORDER BY id"));
            tables.put("service_account_apps",
                    rows("SELECT * FROM service_account_apps ORDER BY service_account_id, app_id"));
            tables.put("audit_events", rows("SELECT COUNT(*) FROM audit_events"));
            tables.put("users", rows("SELECT * FROM users ORDER BY app_id, id"));
            tables.put("clients", rows("SELECT * FROM clients ORDER BY app_id, id"));
            tables.put("devices", rows("SELECT * FROM devices ORDER BY app_id, id"));
            tables.put("conversations", rows("SELECT * FROM conversations ORDER BY app_id, id"));
            tables.put("participants", rows("SELECT * FROM participants ORDER BY app_id, id"));
            tables.put("messages", rows("SELECT * FROM messages ORDER BY app_id, conversation_id, id"));
            tables.put("events", rows("SELECT COUNT(*) FROM events"));
            return tables;
        }

        private List<String> rows(String sql) throws SQLException {
            List<String> rows = new ArrayList<>();
            try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                int columns = result.getMetaData().getColumnCount();
                while (result.next()) {
                    StringBuilder row = new StringBuilder();
                    for (int i = 1; i <= columns; i++) {
                        row.append(i > 1 ? " | " : "").append(result.getString(i));
                    }
                    rows.add(row.toString());
                }
            }
            return rows;
        }

        @Override
        public void close() {
            try {
                db.close();
            } catch (SQLException e) {
                // the server's close below is what matters
            }
            server.close();
        }
    }

    private static String difference(Map<String, List<String>> before, Map<String, List<String>> after) {
        StringBuilder text = new StringBuilder();
        before.forEach((table, rows) -> {
            List<String> now = after.get(table);
            if (!rows.equals(now)) {
                List<String> gone = new ArrayList<>(rows);
                gone.removeAll(now);
                List<String> added = new ArrayList<>(now);
                added.removeAll(rows);
                text.append(table).append(": removed ").append(gone).append(", added ").append(added).append('\n');
            }
        });
        return text.toString();
    }

    // ---------------------------------------------------------------------------------------------------------
    // The fixture: two accounts with apps, keys, service accounts, grants and app data, kept complete between tries

    /**
     * Kinds of record; the fixture keeps no integrations or switchboards, so paths name integrations, their keys and
     * webhooks, switchboards and their integrations that are not.
     */
    enum Kind { ACCOUNT, APP, SERVICE_ACCOUNT, ACCOUNT_KEY, APP_KEY, SERVICE_ACCOUNT_KEY, GRANT, USER, CONVERSATION,
        CLIENT, DEVICE, MESSAGE, INTEGRATION, INTEGRATION_KEY, WEBHOOK, DELIVERY, SWITCHBOARD,
        SWITCHBOARD_INTEGRATION,
        /** A media URL's token and file name: the fixture keeps no attachment, so these are always made up. */
        MEDIA;

        /** Inside an app: its users, their clients and devices, its conversations and their messages. */
        boolean isAppData() {
            return this == USER || this == CONVERSATION || this == CLIENT || this == DEVICE || this == MESSAGE;
        }
    }

    /**
     * The fixture's records by role. Kept ones are re-created whenever a request deleted them (in this order, which
     * puts parents first); gone ones were deleted on purpose and stay deleted.
     */
    enum Ref {
        ACCOUNT_A(Kind.ACCOUNT, "A", null, true),
        ACT_A(Kind.ACCOUNT_KEY, "A", ACCOUNT_A, true),
        SVC_A(Kind.SERVICE_ACCOUNT, "A", null, true),
        SVC_KEY_A(Kind.SERVICE_ACCOUNT_KEY, "A", SVC_A, true),
        APP_A1(Kind.APP, "A", null, true),
        APP_KEY_A1(Kind.APP_KEY, "A", APP_A1, true),
        /** Made by the account key, granted to SVC_A. */
        APP_A2(Kind.APP, "A", null, true),
        GRANT_A2(Kind.GRANT, "A", null, true),
        /** Made by SVC_A's key, so granted to it. */
        APP_A3(Kind.APP, "A", null, true),
        GRANT_A3(Kind.GRANT, "A", null, true),
        /** The account with a plan: at most two apps. */
        ACCOUNT_B(Kind.ACCOUNT, "B", null, true),
        ACT_B(Kind.ACCOUNT_KEY, "B", ACCOUNT_B, true),
        APP_B1(Kind.APP, "B", null, true),
        APP_KEY_B1(Kind.APP_KEY, "B", APP_B1, true),
        SVC_B(Kind.SERVICE_ACCOUNT, "B", null, true),
        SVC_KEY_B(Kind.SERVICE_ACCOUNT_KEY, "B", SVC_B, true),
        /** A user of APP_A1 in a group conversation with a message; a channel client and a device of the user. */
        USER_A1(Kind.USER, "A", APP_A1, true),
        CONVERSATION_A1(Kind.CONVERSATION, "A", APP_A1, true),
        MESSAGE_A1(Kind.MESSAGE, "A", CONVERSATION_A1, true),
        CLIENT_A1(Kind.CLIENT, "A", USER_A1, true),
        DEVICE_A1(Kind.DEVICE, "A", USER_A1, true),
        USER_B1(Kind.USER, "B", APP_B1, true),
        CONVERSATION_B1(Kind.CONVERSATION, "B", APP_B1, true),
        GONE_APP(Kind.APP, "A", null, false),
        GONE_APP_KEY(Kind.APP_KEY, "A", APP_A1, false),
        GONE_SVC(Kind.SERVICE_ACCOUNT, "A", null, false),
        GONE_SVC_KEY(Kind.SERVICE_ACCOUNT_KEY, "A", GONE_SVC, false),
        GONE_ACT(Kind.ACCOUNT_KEY, "A", ACCOUNT_A, false),
        GONE_USER(Kind.USER, "A", APP_A1, false),
        GONE_CONVERSATION(Kind.CONVERSATION, "A", APP_A1, false);

        final Kind kind;
        final String owner;
        final Ref parent;
        final boolean kept;

        Ref(Kind kind, String owner, Ref parent, boolean kept) {
            this.kind = kind;
            this.owner = owner;
            this.parent = parent;
            this.kept = kept;
        }

        boolean isKey() {
            return kind == Kind.ACCOUNT_KEY || kind == Kind.APP_KEY || kind == Kind.SERVICE_ACCOUNT_KEY;
        }

        static List<Ref> of(Kind kind) {
            return EnumSet.allOf(Ref.class).stream().filter(ref -> ref.kind == kind).toList();
        }

        static List<Ref> keptOf(Kind kind) {
            return of(kind).stream().filter(ref -> ref.kept).toList();
        }

        /** Every record that has an id of its own (grants have none). */
        static List<Ref> records() {
            return EnumSet.allOf(Ref.class).stream().filter(ref -> ref.kind != Kind.GRANT).toList();
        }

        static List<Ref> keys() {
            return EnumSet.allOf(Ref.class).stream().filter(Ref::isKey).toList();
        }
    }

    /** What a 2xx answer of the path is: the OpenAPI document is YAML, a backup a zip, everything else JSON. */
    private static String successContentType(String path) {
        if (path.startsWith("/openapi.yaml")) {
            return "application/yaml";
        }
        if (path.startsWith("/metrics")) {
            return "text/plain";
        }
        if (path.matches("/v2/apps/[^/?]+/export([?].*)?")) {
            return "application/x-ndjson";
        }
        return path.startsWith("/admin/backup") ? "application/zip" : "application/json";
    }

    private static final class Fixture {
        private final Api api;
        private final Auth operator;
        private final Connection db;
        final Map<Ref, String> ids = new EnumMap<>(Ref.class);
        final Map<Ref, String> secrets = new EnumMap<>(Ref.class);
        private int usersMade;

        Fixture(Api api, Auth operator, Connection db) {
            this.api = api;
            this.operator = operator;
            this.db = db;
        }

        String operatorToken() {
            return operator.header().substring("Bearer ".length());
        }

        /** The text with each {@code @{REF}} a body names a record by replaced with that record's id. */
        String fill(String text) {
            if (text == null || !text.contains("@{")) {
                return text;
            }
            for (Ref ref : Ref.values()) {
                String id = ids.get(ref);
                if (id != null) {
                    text = text.replace(recordIn(ref), id);
                }
            }
            return text;
        }

        String id(Ref ref) {
            return Objects.requireNonNull(ids.get(ref), ref::name);
        }

        List<Ref> refsOfOtherAccount(Ref caller) {
            return EnumSet.allOf(Ref.class).stream()
                    .filter(ref -> ref.kept && ref.kind != Kind.GRANT && !ref.owner.equals(caller.owner)).toList();
        }

        /** Everything from scratch: new accounts and all in them, then the records deleted on purpose. */
        void build() {
            ids.clear();
            secrets.clear();
            repairKept();
            String gone = createApp(Ref.ACT_A, "Gone app");
            ok(api.delete("/v2/apps/" + gone, auth(Ref.ACT_A)));
            ids.put(Ref.GONE_APP, gone);
            JsonNode key = ok(api.post("/v2/apps/" + id(Ref.APP_A1) + "/keys", auth(Ref.ACT_A),
                    "{\"displayName\":\"Gone key\"}")).path("key");
            keep(Ref.GONE_APP_KEY, key);
            ok(api.delete("/v2/apps/" + id(Ref.APP_A1) + "/keys/" + key.path("id").asText(), auth(Ref.ACT_A)));
            ids.put(Ref.GONE_SVC, ok(api.post("/v2/serviceaccounts", auth(Ref.ACT_A),
                    "{\"displayName\":\"Gone service account\"}")).at("/serviceAccount/id").asText());
            keep(Ref.GONE_SVC_KEY, ok(api.post("/v2/serviceaccounts/" + id(Ref.GONE_SVC) + "/keys", auth(Ref.ACT_A),
                    "{\"displayName\":\"Gone\"}")).path("key"));
            ok(api.delete("/v2/serviceaccounts/" + id(Ref.GONE_SVC), auth(Ref.ACT_A)));
            keep(Ref.GONE_ACT, ok(api.post("/admin/accounts/" + id(Ref.ACCOUNT_A) + "/keys", operator,
                    "{\"displayName\":\"Gone\"}")).path("key"));
            ok(api.delete("/admin/accounts/" + id(Ref.ACCOUNT_A) + "/keys/" + id(Ref.GONE_ACT), operator));
            String app = "/v2/apps/" + id(Ref.APP_A1);
            ids.put(Ref.GONE_USER, ok(api.post(app + "/users", auth(Ref.ACT_A), "{}")).at("/user/id").asText());
            ok(api.delete(app + "/users/" + id(Ref.GONE_USER), auth(Ref.ACT_A)));
            ids.put(Ref.GONE_CONVERSATION, ok(api.post(app + "/conversations", auth(Ref.ACT_A),
                    "{\"type\":\"sdkGroup\"}")).at("/conversation/id").asText());
            ok(api.delete(app + "/conversations/" + id(Ref.GONE_CONVERSATION), auth(Ref.ACT_A)));
        }

        /** Re-creates what requests deleted; starts over with new accounts when that is not possible. */
        void repair() {
            try {
                repairKept();
            } catch (AssertionError cannotRepair) {
                build();
            }
        }

        private void repairKept() {
            for (int step = 0; step < 40; step++) {
                Set<Ref> missing = missing();
                if (missing.isEmpty()) {
                    return;
                }
                recreate(missing.iterator().next());
            }
            throw new AssertionError("the fixture could not be repaired");
        }

        private Set<Ref> missing() {
            Map<Kind, Set<String>> stored = new EnumMap<>(Kind.class);
            try {
                stored.put(Kind.ACCOUNT, ids("SELECT id FROM accounts"));
                stored.put(Kind.APP, ids("SELECT id FROM apps"));
                stored.put(Kind.SERVICE_ACCOUNT, ids("SELECT id FROM service_accounts"));
                Set<String> keys = ids("SELECT id FROM api_keys");
                stored.put(Kind.ACCOUNT_KEY, keys);
                stored.put(Kind.APP_KEY, keys);
                stored.put(Kind.SERVICE_ACCOUNT_KEY, keys);
                stored.put(Kind.GRANT, ids("SELECT service_account_id || '/' || app_id FROM service_account_apps"));
                stored.put(Kind.USER, ids("SELECT app_id || '/' || id FROM users"));
                stored.put(Kind.CONVERSATION, ids("SELECT app_id || '/' || id FROM conversations"));
                stored.put(Kind.MESSAGE, ids("SELECT app_id || '/' || conversation_id || '/' || id FROM messages"));
                stored.put(Kind.CLIENT, ids("SELECT app_id || '/' || user_id || '/' || id FROM clients"));
                stored.put(Kind.DEVICE, ids("SELECT app_id || '/' || user_id || '/' || id FROM devices"));
            } catch (SQLException e) {
                throw new IllegalStateException(e);
            }
            Set<Ref> missing = EnumSet.noneOf(Ref.class);
            for (Ref ref : Ref.values()) {
                if (!ref.kept) {
                    continue;
                }
                String id = switch (ref) {
                    case GRANT_A2 -> grant(Ref.SVC_A, Ref.APP_A2);
                    case GRANT_A3 -> grant(Ref.SVC_A, Ref.APP_A3);
                    default -> storedKey(ref);
                };
                if (id == null || !stored.get(ref.kind).contains(id)) {
                    missing.add(ref);
                }
            }
            return missing;
        }

        /**
         * How the tables know the record: its id, or for app data the ids from its app down to it (a user of an
         * app deleted and made again is gone, although the old app's rows wait for the purge).
         */
        private String storedKey(Ref ref) {
            String id = ids.get(ref);
            if (id == null || !ref.kind.isAppData()) {
                return id;
            }
            String parent = ref.parent.kind == Kind.APP ? ids.get(ref.parent) : storedKey(ref.parent);
            return parent == null ? null : parent + "/" + id;
        }

        private String grant(Ref serviceAccount, Ref app) {
            String s = ids.get(serviceAccount);
            String a = ids.get(app);
            return s == null || a == null ? null : s + "/" + a;
        }

        private Set<String> ids(String sql) throws SQLException {
            Set<String> ids = new HashSet<>();
            try (Statement statement = db.createStatement(); ResultSet result = statement.executeQuery(sql)) {
                while (result.next()) {
                    ids.add(result.getString(1));
                }
            }
            return ids;
        }

        private void recreate(Ref ref) {
            switch (ref) {
                case ACCOUNT_A, ACCOUNT_B -> {
                    JsonNode created = ok(api.post("/admin/accounts", operator, ref == Ref.ACCOUNT_A
                            ? "{\"displayName\":\"Fuzz A\",\"maxApps\":null}" : "{\"displayName\":\"Fuzz B\",\"maxApps\":2}"));
                    ids.put(ref, created.at("/account/id").asText());
                    keep(ref == Ref.ACCOUNT_A ? Ref.ACT_A : Ref.ACT_B, created.path("key"));
                }
                case ACT_A, ACT_B -> keep(ref, ok(api.post("/admin/accounts/" + id(ref.parent) + "/keys", operator,
                        "{\"displayName\":\"Fuzz key\"}")).path("key"));
                case SVC_A, SVC_B -> ids.put(ref, ok(api.post("/v2/serviceaccounts", auth(ownersKey(ref)),
                        "{\"displayName\":\"Fuzz service account\"}")).at("/serviceAccount/id").asText());
                case SVC_KEY_A, SVC_KEY_B -> keep(ref, ok(api.post("/v2/serviceaccounts/" + id(ref.parent) + "/keys",
                        auth(ownersKey(ref)), "{\"displayName\":\"Fuzz key\"}")).path("key"));
                case APP_A1, APP_A2, APP_B1 -> ids.put(ref, createApp(ownersKey(ref), "Fuzz " + ref));
                case APP_A3 -> ids.put(ref, createApp(Ref.SVC_KEY_A, "Fuzz " + ref));
                case APP_KEY_A1, APP_KEY_B1 -> keep(ref, ok(api.post("/v2/apps/" + id(ref.parent) + "/keys",
                        auth(ownersKey(ref)), "{\"displayName\":\"Fuzz key\"}")).path("key"));
                case GRANT_A2, GRANT_A3 -> ok(api.put("/v2/serviceaccounts/" + id(Ref.SVC_A) + "/apps/"
                        + id(ref == Ref.GRANT_A2 ? Ref.APP_A2 : Ref.APP_A3), auth(Ref.ACT_A)));
                case USER_A1, USER_B1 -> ids.put(ref, ok(api.post("/v2/apps/" + id(ref.parent) + "/users",
                        auth(ownersKey(ref)), "{\"externalId\":\"fuzz-" + (++usersMade) + "\"}")).at("/user/id")
                        .asText());
                case CONVERSATION_A1, CONVERSATION_B1 -> ids.put(ref, ok(api.post("/v2/apps/" + id(ref.parent)
                        + "/conversations", auth(ownersKey(ref)), "{\"type\":\"sdkGroup\",\"participants\":"
                        + "[{\"userId\":\"" + id(ref == Ref.CONVERSATION_A1 ? Ref.USER_A1 : Ref.USER_B1) + "\"}]}"))
                        .at("/conversation/id").asText());
                case MESSAGE_A1 -> ids.put(ref, ok(api.post("/v2/apps/" + id(Ref.APP_A1) + "/conversations/"
                        + id(Ref.CONVERSATION_A1) + "/messages", auth(Ref.ACT_A), "{\"author\":{\"type\":"
                        + "\"business\"},\"content\":{\"type\":\"text\",\"text\":\"Fuzz\"}}"))
                        .at("/messages/0/id").asText());
                // No route makes clients or devices yet: they are stored as a channel would store them.
                case CLIENT_A1 -> ids.put(ref, insert("INSERT INTO clients (app_id, id, user_id, type, status, "
                        + "integration_id, external_id, display_name) VALUES (?, ?, ?, 'twilio', 'active', "
                        + "'5d8cff3cd55b040010928b09', '+15550001', 'Fuzz')", id(Ref.APP_A1), Ref.USER_A1));
                case DEVICE_A1 -> ids.put(ref, insert("INSERT INTO devices (app_id, id, user_id, client_id, type, "
                        + "guid, status, last_seen) VALUES (?, ?, ?, ?, 'web', 'fuzz', 'active', CURRENT_TIMESTAMP)",
                        id(Ref.APP_A1), Ref.USER_A1, Ref.CLIENT_A1));
                default -> throw new IllegalArgumentException(ref + " is not re-created");
            }
        }

        /**
         * Inserts a row of app data with a new id: the app's id, then the new id, then the ids of the records
         * given; answers the new id.
         */
        private String insert(String sql, String appId, Ref... records) {
            String id = UUID.randomUUID().toString().replace("-", "").substring(0, 24);
            try (PreparedStatement statement = db.prepareStatement(sql)) {
                statement.setString(1, appId);
                statement.setString(2, id);
                for (int i = 0; i < records.length; i++) {
                    statement.setString(3 + i, id(records[i]));
                }
                statement.executeUpdate();
            } catch (SQLException e) {
                throw new AssertionError("fixture row not stored: " + e.getMessage(), e);
            }
            return id;
        }

        private static Ref ownersKey(Ref ref) {
            return ref.owner.equals("A") ? Ref.ACT_A : Ref.ACT_B;
        }

        private String createApp(Ref key, String name) {
            return ok(api.post("/v2/apps", auth(key), "{\"displayName\":\"" + name + "\"}")).at("/app/id").asText();
        }

        private void keep(Ref ref, JsonNode key) {
            ids.put(ref, key.path("id").asText());
            secrets.put(ref, key.path("secret").asText());
        }

        Auth auth(Ref key) {
            return Auth.basic(id(key), secrets.get(key));
        }

        private static JsonNode ok(Response response) {
            if (response.status() >= 300) {
                throw new AssertionError("fixture request failed: " + response);
            }
            return response.json();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    /**
     * What a success is written in: the document in YAML, the metrics in the Prometheus text format (none of the
     * generated Accept headers asks for another), everything else in JSON.
     */
    // Requests

    record Endpoint(String template, List<String> methods) {
        boolean isAdmin() {
            return template.startsWith("/admin");
        }

        boolean isPublic() {
            // /metrics is open on the test server, which sets no PARLEY_METRICS_TOKEN.
            return template.startsWith("/health") || template.startsWith("/media/") || template.equals("/openapi.yaml")
                    || template.equals("/metrics")
                    || template.equals("/");
        }

        /** The path parameters, in order. */
        List<String> slots() {
            List<String> slots = new ArrayList<>();
            Matcher slot = Pattern.compile("\\{(\\w+)}").matcher(template);
            while (slot.find()) {
                slots.add(slot.group(1));
            }
            return slots;
        }

        Kind kindOf(String slot) {
            return switch (slot) {
                case "accountId" -> Kind.ACCOUNT;
                case "appId" -> Kind.APP;
                case "serviceAccountId" -> Kind.SERVICE_ACCOUNT;
                case "keyId" -> template.contains("/integrations/") ? Kind.INTEGRATION_KEY
                        : template.contains("/apps/{appId}/keys") ? Kind.APP_KEY
                        : template.contains("/serviceaccounts/") ? Kind.SERVICE_ACCOUNT_KEY : Kind.ACCOUNT_KEY;
                case "userIdOrExternalId" -> Kind.USER;
                case "conversationId" -> Kind.CONVERSATION;
                case "clientId" -> Kind.CLIENT;
                case "deviceId" -> Kind.DEVICE;
                case "messageId" -> Kind.MESSAGE;
                case "integrationId" -> Kind.INTEGRATION;
                case "webhookId" -> Kind.WEBHOOK;
                case "deliveryId" -> Kind.DELIVERY;
                case "switchboardId" -> Kind.SWITCHBOARD;
                case "switchboardIntegrationId" -> Kind.SWITCHBOARD_INTEGRATION;
                case "token", "fileName" -> Kind.MEDIA;
                default -> throw new IllegalArgumentException(slot);
            };
        }

        @Override
        public String toString() {
            return template;
        }
    }

    /** How a real id is bent before it goes into a path. */
    enum Mangling {
        NONE, PERCENT_ENCODED, UPPERCASE, TRAILING_NUL, TRAILING_NEWLINE, LEADING_SPACE, STRIPPED_PREFIX,
        WRONG_PREFIX, TRUNCATED, EXTENDED, DOUBLED;

        String apply(String id) {
            return switch (this) {
                case NONE -> id;
                case PERCENT_ENCODED -> percentEncodeEverything(id);
                case UPPERCASE -> id.toUpperCase(Locale.ROOT);
                case TRAILING_NUL -> id + "%00";
                case TRAILING_NEWLINE -> id + "%0A";
                case LEADING_SPACE -> "%20" + id;
                case STRIPPED_PREFIX -> id.contains("_") ? id.substring(id.indexOf('_') + 1) : "app_" + id;
                case WRONG_PREFIX -> id.startsWith("app_") ? "svc_" + id.substring(4)
                        : id.startsWith("svc_") ? "act_" + id.substring(4)
                        : id.startsWith("act_") ? "app_" + id.substring(4) : "svc_" + id;
                case TRUNCATED -> id.substring(0, id.length() - 1);
                case EXTENDED -> id + "0";
                case DOUBLED -> id + id;
            };
        }

        /** Whether the result still names the same record. */
        boolean keepsIdentity() {
            return this == NONE || this == PERCENT_ENCODED;
        }
    }

    /**
     * A path or query value: a fixture record (possibly bent), or literal text already safe for a URI.
     *
     * @param normalizes the text is a dot segment, a path parameter or nothing, which may route the request elsewhere
     */
    record Value(Ref ref, Mangling mangling, String literal, boolean normalizes) {
        static Value of(Ref ref) {
            return new Value(ref, Mangling.NONE, null, false);
        }

        static Value of(Ref ref, Mangling mangling) {
            return new Value(ref, mangling, null, false);
        }

        static Value literal(String text) {
            return new Value(null, null, text, false);
        }

        String render(Fixture fixture) {
            return ref == null ? literal : mangling.apply(fixture.id(ref));
        }

        /** A kept record, unbent: a value that names something real. */
        boolean namesKeptRecord() {
            return ref != null && ref.kept && mangling.keepsIdentity();
        }

        @Override
        public String toString() {
            return ref == null ? "'" + abbreviate(literal, 60) + "'" : ref + (mangling == Mangling.NONE ? "" : "~" + mangling);
        }
    }

    /** Which credential, and how it is presented. */
    enum CredentialKind {
        NONE, OPERATOR, OPERATOR_LOWERCASE_SCHEME, OPERATOR_PADDED, OPERATOR_AS_BASIC, OPERATOR_TRUNCATED,
        OPERATOR_EXTENDED, OPERATOR_WITHOUT_SCHEME,
        BASIC, JWT, BASIC_LOWERCASE_SCHEME, JWT_FUTURE_EXPIRY, JWT_EXTRA_CLAIMS,
        BASIC_WRONG_SECRET, BASIC_EMPTY_SECRET, BASIC_NO_COLON, BASIC_NOT_BASE64, BASIC_OTHER_KEYS_SECRET,
        BASIC_UPPERCASE_KEY_ID, BASIC_SECRET_PLUS_ONE, BASIC_SECRET_MINUS_ONE, BASIC_OPERATOR_TOKEN_AS_SECRET,
        JWT_WRONG_SECRET, JWT_WRONG_SCOPE, JWT_NO_SCOPE, JWT_SCOPE_ARRAY, JWT_SCOPE_CAPITALIZED, JWT_EXPIRED,
        JWT_NOT_YET_VALID, JWT_ALG_NONE, JWT_HS384, JWT_HS512, JWT_NO_KID, JWT_KID_OF_OTHER_KEY, JWT_TAMPERED,
        JWT_EXPIRY_NOT_A_NUMBER, JWT_EMPTY_SIGNATURE, JWT_GARBAGE, BEARER_SECRET, BEARER_NOTHING, UNKNOWN_SCHEME;

        boolean usesKey() {
            return !name().startsWith("OPERATOR") && this != NONE && this != JWT_GARBAGE && this != BEARER_NOTHING
                    && this != UNKNOWN_SCHEME;
        }
    }

    enum Validity { VALID, INVALID }

    record Credential(CredentialKind kind, Ref key, Ref otherKey, String garbage) {
        /** The key whose account the request acts for, when the credential is a valid API key there. */
        Ref validApiKey(Endpoint endpoint) {
            boolean valid = kind == CredentialKind.BASIC || kind == CredentialKind.JWT
                    || kind == CredentialKind.BASIC_LOWERCASE_SCHEME || kind == CredentialKind.JWT_FUTURE_EXPIRY
                    || kind == CredentialKind.JWT_EXTRA_CLAIMS;
            return valid && key.kept && !endpoint.isAdmin() && !endpoint.isPublic() ? key : null;
        }

        Validity validity(Endpoint endpoint) {
            boolean operatorValid = kind == CredentialKind.OPERATOR || kind == CredentialKind.OPERATOR_LOWERCASE_SCHEME
                    || kind == CredentialKind.OPERATOR_PADDED;
            if (endpoint.isAdmin()) {
                return operatorValid ? Validity.VALID : Validity.INVALID;
            }
            return validApiKey(endpoint) != null ? Validity.VALID : Validity.INVALID;
        }

        Auth render(Fixture fixture) {
            String op = fixture.operatorToken();
            String id = key == null ? null : fixture.id(key);
            String secret = key == null ? null : fixture.secrets.get(key);
            String scope = key == null ? null : key.kind == Kind.APP_KEY ? "app" : "account";
            long now = Instant.now().getEpochSecond();
            return switch (kind) {
                case NONE -> Auth.NONE;
                case OPERATOR -> Auth.bearer(op);
                case OPERATOR_LOWERCASE_SCHEME -> new Auth("bearer " + op);
                case OPERATOR_PADDED -> new Auth("Bearer    " + op + "  ");
                case OPERATOR_AS_BASIC -> Auth.basic("operator", op);
                case OPERATOR_TRUNCATED -> Auth.bearer(op.substring(0, op.length() - 1));
                case OPERATOR_EXTENDED -> Auth.bearer(op + "x");
                case OPERATOR_WITHOUT_SCHEME -> new Auth(op);
                case BASIC -> Auth.basic(id, secret);
                case JWT -> Auth.bearer(jwt("HS256", id, "{\"scope\":\"" + scope + "\"}", secret));
                case BASIC_LOWERCASE_SCHEME -> new Auth("basic " + Auth.basic(id, secret).header().substring(6));
                case JWT_FUTURE_EXPIRY -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + scope + "\",\"exp\":" + (now + 3600) + ",\"nbf\":" + (now - 60) + "}", secret));
                case JWT_EXTRA_CLAIMS -> Auth.bearer(jwt("HS256", id, "{\"scope\":\"" + scope
                        + "\",\"iat\":" + now + ",\"sub\":\"someone\",\"aud\":\"parley\",\"x\":{\"y\":[1]}}", secret));
                case BASIC_WRONG_SECRET -> Auth.basic(id, garbage);
                case BASIC_EMPTY_SECRET -> Auth.basic(id, "");
                case BASIC_NO_COLON -> new Auth("Basic " + base64(id + secret));
                case BASIC_NOT_BASE64 -> new Auth("Basic " + id + ":" + secret);
                case BASIC_OTHER_KEYS_SECRET -> Auth.basic(id, fixture.secrets.get(otherKey));
                case BASIC_UPPERCASE_KEY_ID -> Auth.basic(id.toUpperCase(Locale.ROOT), secret);
                case BASIC_SECRET_PLUS_ONE -> Auth.basic(id, secret + "A");
                case BASIC_SECRET_MINUS_ONE -> Auth.basic(id, secret.substring(0, secret.length() - 1));
                case BASIC_OPERATOR_TOKEN_AS_SECRET -> Auth.basic(id, op);
                case JWT_WRONG_SECRET -> Auth.bearer(jwt("HS256", id, "{\"scope\":\"" + scope + "\"}", garbage));
                case JWT_WRONG_SCOPE -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + (scope.equals("app") ? "account" : "app") + "\"}", secret));
                case JWT_NO_SCOPE -> Auth.bearer(jwt("HS256", id, "{\"sub\":\"x\"}", secret));
                case JWT_SCOPE_ARRAY -> Auth.bearer(jwt("HS256", id, "{\"scope\":[\"" + scope + "\"]}", secret));
                case JWT_SCOPE_CAPITALIZED -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + scope.toUpperCase(Locale.ROOT) + "\"}", secret));
                case JWT_EXPIRED -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + scope + "\",\"exp\":" + (now - 120) + "}", secret));
                case JWT_NOT_YET_VALID -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + scope + "\",\"nbf\":" + (now + 3600) + "}", secret));
                case JWT_ALG_NONE -> Auth.bearer(jwt("none", id, "{\"scope\":\"" + scope + "\"}", secret));
                case JWT_HS384 -> Auth.bearer(jwt("HS384", id, "{\"scope\":\"" + scope + "\"}", secret));
                case JWT_HS512 -> Auth.bearer(jwt("HS512", id, "{\"scope\":\"" + scope + "\"}", secret));
                case JWT_NO_KID -> Auth.bearer(jwt("HS256", null, "{\"scope\":\"" + scope + "\"}", secret));
                case JWT_KID_OF_OTHER_KEY -> Auth.bearer(jwt("HS256", fixture.id(otherKey),
                        "{\"scope\":\"" + scope + "\"}", secret));
                case JWT_TAMPERED -> {
                    String signed = jwt("HS256", id, "{\"scope\":\"nothing\"}", secret);
                    String[] parts = signed.split("\\.");
                    yield Auth.bearer(parts[0] + "." + base64Url("{\"scope\":\"" + scope + "\"}") + "." + parts[2]);
                }
                case JWT_EXPIRY_NOT_A_NUMBER -> Auth.bearer(jwt("HS256", id,
                        "{\"scope\":\"" + scope + "\",\"exp\":\"tomorrow\"}", secret));
                case JWT_EMPTY_SIGNATURE -> {
                    String signed = jwt("HS256", id, "{\"scope\":\"" + scope + "\"}", secret);
                    yield Auth.bearer(signed.substring(0, signed.lastIndexOf('.') + 1));
                }
                case JWT_GARBAGE -> Auth.bearer(garbage);
                case BEARER_SECRET -> Auth.bearer(secret);
                case BEARER_NOTHING -> new Auth("Bearer");
                case UNKNOWN_SCHEME -> new Auth(garbage);
            };
        }

        @Override
        public String toString() {
            return kind + (key == null ? "" : "(" + key + (otherKey == null ? "" : ", " + otherKey) + ")");
        }
    }

    /** Where to read a written record back, and under which member its JSON is. */
    /** @param secretShownOnce whether only the write shows the record's secret (account keys), reads never */
    record ReadBack(String member, String idField, boolean collection, boolean secretShownOnce) {
        ReadBack(String member, String idField, boolean collection) {
            this(member, idField, collection, false);
        }

        /** The read path: the collection's path plus the new id, or the record's own path. */
        String pathOf(String writtenPath, String id) {
            return collection ? writtenPath + "/" + id : writtenPath;
        }

        JsonNode expectedRead(JsonNode written) {
            return secretShownOnce ? ((ObjectNode) written.deepCopy()).without("secret") : written;
        }
    }

    record Rendered(String method, String path, Auth auth, String contentType, String body,
                    Map<String, String> headers) {
    }

    record Request(String method, Endpoint endpoint, List<Value> path, List<Map.Entry<String, Value>> query,
                   Credential credential, String contentType, String accept, String requestId,
                   Map<String, String> extraHeaders, String body, ReadBack readBack) {

        Request with(Credential other) {
            return new Request(method, endpoint, path, query, other, contentType, accept, requestId, extraHeaders,
                    body, readBack);
        }

        Rendered render(Fixture fixture) {
            String target = endpoint.template();
            for (Value value : path) {
                target = target.replaceFirst("\\{\\w+}", Matcher.quoteReplacement(value.render(fixture)));
            }
            StringBuilder uri = new StringBuilder(target);
            for (int i = 0; i < query.size(); i++) {
                Map.Entry<String, Value> parameter = query.get(i);
                uri.append(i == 0 ? '?' : '&').append(parameter.getKey());
                if (parameter.getValue() != null) {
                    uri.append('=').append(parameter.getValue().render(fixture));
                }
            }
            Map<String, String> headers = new LinkedHashMap<>(extraHeaders);
            if (accept != null) {
                headers.put("Accept", accept);
            }
            if (requestId != null) {
                headers.put("X-Request-Id", requestId);
            }
            return new Rendered(method, uri.toString(), credential.render(fixture), contentType, fixture.fill(body),
                    headers);
        }

        /** The page size the query asks for: its one page[size] or limit when that is a number, else the default. */
        int pageSize() {
            for (String name : List.of("page[size]", "limit", "page%5Bsize%5D")) {
                List<Value> values = query.stream().filter(p -> p.getKey().equals(name)).map(Map.Entry::getValue)
                        .toList();
                if (values.size() == 1 && values.get(0) != null && values.get(0).literal() != null
                        && values.get(0).literal().matches("[0-9]{1,3}")) {
                    return Integer.parseInt(values.get(0).literal());
                }
            }
            return 25;
        }

        /** Every path value names a kept record, unbent: the request reaches its route as written. */
        boolean pathIsWellFormed() {
            return path.stream().allMatch(value -> value.ref() != null && value.mangling() == Mangling.NONE);
        }

        /**
         * Whether a success would be wrong whoever asks: a path value that names no record of the slot's kind
         * (deleted, malformed, random, or a record of another kind), a key under the wrong parent, or, for an API
         * key, a record or filter of another account.
         */
        boolean mustFail(Fixture fixture) {
            if (endpoint.isPublic() || !DOCUMENTED.contains(endpoint)) {
                return false;
            }
            List<String> slots = endpoint.slots();
            Ref caller = credential.validApiKey(endpoint);
            for (int i = 0; i < slots.size(); i++) {
                Value value = path.get(i);
                if (value.normalizes()) {
                    return false;
                }
                if (!value.namesKeptRecord() || value.ref().kind != endpoint.kindOf(slots.get(i))) {
                    return true;
                }
                if (value.ref().parent != null && i > 0 && value.ref().parent != path.get(i - 1).ref()) {
                    return true;
                }
                if (caller != null && !value.ref().owner.equals(caller.owner)) {
                    return true;
                }
            }
            if (method.equals("GET") && endpoint.template().equals("/v2/apps/{appId}/conversations")
                    && query.stream().filter(p -> p.getKey().equals("filter[userId]")).count() == 1) {
                Value user = query.stream().filter(p -> p.getKey().equals("filter[userId]")).findFirst().orElseThrow()
                        .getValue();
                if (user != null && !user.normalizes() && (!user.namesKeptRecord() || user.ref().kind != Kind.USER
                        || user.ref().parent != path.get(0).ref())) {
                    return true;
                }
            }
            if (caller != null && method.equals("GET")) {
                String filter = endpoint.template().equals("/v2/apps") ? "filter[serviceAccountId]"
                        : endpoint.template().equals("/v1.1/apps") ? "serviceAccountId" : null;
                for (Map.Entry<String, Value> parameter : query) {
                    Value value = parameter.getValue();
                    if (parameter.getKey().equals(filter) && value != null && !value.normalizes()
                            && query.stream().filter(p -> p.getKey().equals(filter)).count() == 1
                            && (!value.namesKeptRecord() || value.ref().kind != Kind.SERVICE_ACCOUNT
                            || !value.ref().owner.equals(caller.owner))) {
                        return true;
                    }
                }
            }
            return false;
        }

        String describe(Rendered rendered) {
            StringBuilder text = new StringBuilder();
            text.append(method).append(' ').append(endpoint.template()).append(" with path ").append(path)
                    .append(", query ").append(query).append(", credential ").append(credential).append('\n');
            text.append("sent: ").append(rendered.method()).append(' ').append(abbreviate(rendered.path(), 300))
                    .append("\nheaders: Content-Type=").append(contentType).append(", Accept=").append(accept)
                    .append(", X-Request-Id=").append(requestId).append(", ").append(extraHeaders)
                    .append(", Authorization=").append(abbreviate(String.valueOf(rendered.auth().header()), 120));
            text.append("\nbody (").append(body == null ? "none" : body.length() + " chars").append("): ")
                    .append(body == null ? "" : abbreviate(body, 600));
            return text.toString();
        }
    }

    // ---------------------------------------------------------------------------------------------------------
    // Generators

    /** Any request: documented or not, right or wrong method, any ids, query, headers, body and credentials. */
    private static Request anyRequest(Gen gen, Endpoint forcedEndpoint, String forcedMethod) {
        Endpoint endpoint = forcedEndpoint != null ? forcedEndpoint
                : gen.chance(0.92) ? gen.oneOf(DOCUMENTED) : gen.oneOf(UNDOCUMENTED);
        String method = forcedMethod != null ? forcedMethod
                : gen.chance(0.8) ? gen.oneOf(endpoint.methods()) : gen.oneOf(ALL_METHODS);
        List<Value> path = pathValues(gen, endpoint, 0.55);
        List<Map.Entry<String, Value>> query = gen.chance(0.5) ? List.of() : query(gen);
        Credential credential = gen.weighted(
                w(6, () -> new Credential(CredentialKind.NONE, null, null, null)),
                w(endpoint.isAdmin() ? 55 : 8, () -> new Credential(CredentialKind.OPERATOR, null, null, null)),
                w(50, () -> validKey(gen, Ref.keptOf(gen.oneOf(Kind.ACCOUNT_KEY, Kind.APP_KEY,
                        Kind.SERVICE_ACCOUNT_KEY)))),
                w(20, () -> anyCredential(gen, endpoint.isAdmin())));
        String body = gen.weighted(
                w(30, () -> null),
                w(30, () -> JsonText.value(gen, 3)),
                w(14, () -> plausibleBody(gen, endpoint)),
                w(8, () -> JsonText.notJson(gen)),
                w(4, () -> JsonText.nested(gen, gen.oneOf(30, 31, 32, 33, 100, 5000))),
                w(5, () -> JsonText.ofSize(gen, gen.between(50_000, 102_400))),
                w(4, () -> JsonText.ofSize(gen, gen.between(102_401, 300_000))),
                w(5, () -> ""));
        return new Request(method, endpoint, path, query, credential, contentType(gen), accept(gen),
                requestId(gen), extraHeaders(gen), body, null);
    }

    /** A request to a documented operation with real, consistent ids, a plausible body and a valid credential. */
    private static Request wellFormedRequest(Gen gen, Endpoint endpoint, String method) {
        List<Value> path = pathValues(gen, endpoint, 1.0);
        boolean hasBody = method.equals("POST") || method.equals("PATCH") || method.equals("PUT");
        return new Request(method, endpoint, path, List.of(),
                validKey(gen, Ref.keptOf(Kind.ACCOUNT_KEY)), hasBody ? "application/json" : null, null,
                gen.chance(0.3) ? gen.alphanumeric(1, 64) : null, Map.of(),
                hasBody ? plausibleBody(gen, endpoint) : null, null);
    }

    /** A write with a mostly valid caller and target, and a body built from the endpoint's fields. */
    private static Request writeRequest(Gen gen) {
        record Write(String method, String template, String shape, ReadBack readBack) {
        }
        ReadBack app = new ReadBack("app", "id", true);
        ReadBack appV1 = new ReadBack("app", "_id", true);
        ReadBack account = new ReadBack("account", "id", true);
        ReadBack serviceAccount = new ReadBack("serviceAccount", "id", true);
        ReadBack serviceAccountV1 = new ReadBack("serviceAccount", "_id", true);
        ReadBack key = new ReadBack("key", "id", true);
        ReadBack keyV1 = new ReadBack("key", "_id", true);
        Write write = gen.oneOf(
                new Write("POST", "/admin/accounts", "account", account),
                new Write("PATCH", "/admin/accounts/{accountId}", "account", new ReadBack("account", "id", false)),
                new Write("POST", "/admin/accounts/{accountId}/keys", "key", new ReadBack("key", "id", true, true)),
                new Write("POST", "/v2/apps", "app", app),
                new Write("POST", "/v2/apps", "app", app),
                new Write("PATCH", "/v2/apps/{appId}", "app", new ReadBack("app", "id", false)),
                new Write("PATCH", "/v2/apps/{appId}", "app", new ReadBack("app", "id", false)),
                new Write("POST", "/v2/apps/{appId}/keys", "key", key),
                new Write("POST", "/v2/serviceaccounts", "serviceAccount", serviceAccount),
                new Write("PATCH", "/v2/serviceaccounts/{serviceAccountId}", "serviceAccount",
                        new ReadBack("serviceAccount", "id", false)),
                new Write("POST", "/v2/serviceaccounts/{serviceAccountId}/keys", "key", key),
                new Write("POST", "/v1.1/apps", "appV1", appV1),
                new Write("PUT", "/v1.1/apps/{appId}", "appV1", new ReadBack("app", "_id", false)),
                new Write("POST", "/v1.1/apps/{appId}/keys", "keyV1", keyV1),
                new Write("POST", "/v1.1/serviceaccounts", "serviceAccountV1", serviceAccountV1),
                new Write("PUT", "/v1.1/serviceaccounts/{serviceAccountId}", "serviceAccountV1",
                        new ReadBack("serviceAccount", "_id", false)),
                new Write("POST", "/v1.1/serviceaccounts/{serviceAccountId}/keys", "keyV1", keyV1),
                new Write("POST", "/v2/apps/{appId}/users", "user", new ReadBack("user", "id", true)),
                new Write("PATCH", "/v2/apps/{appId}/users/{userIdOrExternalId}", "userUpdate",
                        new ReadBack("user", "id", false)),
                new Write("POST", "/v2/apps/{appId}/conversations", "conversation",
                        new ReadBack("conversation", "id", true)),
                new Write("PATCH", "/v2/apps/{appId}/conversations/{conversationId}", "conversationUpdate",
                        new ReadBack("conversation", "id", false)),
                new Write("POST", "/v2/apps/{appId}/conversations/{conversationId}/join", "participant", null),
                new Write("POST", "/v2/apps/{appId}/conversations/{conversationId}/leave", "leaving", null),
                new Write("POST", "/v2/apps/{appId}/conversations/{conversationId}/messages", "message", null),
                new Write("POST", "/v2/apps/{appId}/conversations/{conversationId}/activity", "activity", null));
        Endpoint endpoint = DOCUMENTED.stream().filter(e -> e.template().equals(write.template())).findFirst()
                .orElseThrow(() -> new AssertionError(write.template() + " is not in openapi.yaml"));
        List<Value> path = pathValues(gen, endpoint, 0.9);
        Credential credential;
        if (endpoint.isAdmin()) {
            credential = gen.chance(0.95) ? new Credential(CredentialKind.OPERATOR, null, null, null)
                    : anyCredential(gen, true);
        } else {
            Ref owner = path.isEmpty() || path.get(0).ref() == null ? Ref.APP_A1 : path.get(0).ref();
            credential = gen.weighted(
                    w(60, () -> validKey(gen, List.of(owner.owner.equals("B") ? Ref.ACT_B : Ref.ACT_A))),
                    w(20, () -> validKey(gen, List.of(Ref.SVC_KEY_A, Ref.SVC_KEY_B))),
                    w(10, () -> validKey(gen, List.of(Ref.APP_KEY_A1, Ref.APP_KEY_B1))),
                    w(10, () -> anyCredential(gen, false)));
        }
        String contentType = gen.weighted(
                w(85, () -> "application/json"),
                w(15, () -> contentType(gen)));
        String body = shapedBody(gen, write.shape());
        return new Request(write.method(), endpoint, path, List.of(), credential, contentType, null,
                requestId(gen), Map.of(), body, write.readBack());
    }

    /** Values for the endpoint's path slots; {@code realShare} of them name a record of the slot's kind. */
    private static List<Value> pathValues(Gen gen, Endpoint endpoint, double realShare) {
        List<Value> values = new ArrayList<>();
        List<String> slots = endpoint.slots();
        for (int i = 0; i < slots.size(); i++) {
            Kind kind = endpoint.kindOf(slots.get(i));
            Ref previous = i > 0 ? values.get(i - 1).ref() : null;
            if (Ref.of(kind).isEmpty()) {
                values.add(gen.chance(realShare) ? Value.literal(gen.hex(24)) : garbage(gen));
            } else if (gen.chance(realShare)) {
                values.add(Value.of(realRef(gen, kind, previous)));
            } else {
                values.add(otherValue(gen, kind, previous));
            }
        }
        return values;
    }

    /** A kept record of the kind; a key mostly of the previous slot's record, an app mostly of its account. */
    private static Ref realRef(Gen gen, Kind kind, Ref previous) {
        List<Ref> candidates = Ref.keptOf(kind);
        if (previous != null && gen.chance(0.8)) {
            List<Ref> related = candidates.stream().filter(ref -> ref.parent != null ? ref.parent == previous
                    : ref.owner.equals(previous.owner)).toList();
            if (!related.isEmpty()) {
                return gen.oneOf(related);
            }
        }
        return gen.oneOf(candidates);
    }

    private static Value otherValue(Gen gen, Kind kind, Ref previous) {
        return gen.weighted(
                w(10, () -> Value.of(realRef(gen, kind, previous), Mangling.PERCENT_ENCODED)),
                w(14, () -> Value.of(gen.oneOf(Ref.records()))),
                w(8, () -> Value.of(gen.oneOf(Ref.of(kind)))),
                w(12, () -> Value.literal((kind == Kind.APP_KEY ? "app_" : kind == Kind.SERVICE_ACCOUNT_KEY ? "svc_"
                        : kind == Kind.ACCOUNT_KEY ? "act_" : "") + gen.hex(24))),
                w(16, () -> Value.of(realRef(gen, kind, previous), gen.oneOf(Mangling.values()))),
                w(40, () -> garbage(gen)));
    }

    private static Value garbage(Gen gen) {
        return gen.weighted(
                w(20, () -> Value.literal(percentEncode(gen.unicode(1, 30)))),
                w(10, () -> Value.literal(gen.oneOf("%00", "%0a", "%0d%0a", "%7f", "%ff", "%c0%80", "%e2%80%ae",
                        "%f0%9f%98%80", "%ed%a0%80", "%25", "%2f", "%5c", "%3f", "%23", "%20", "+", "%2e%2e%2f",
                        "%252e", "%C3", "%e0%80%ae"))),
                w(8, () -> Value.literal(gen.oneOf("x", "%41").repeat(gen.oneOf(1_000, 7_000, 20_000, 70_000)))),
                // Dot segments, path parameters and empty segments: the path the server routes is another one.
                w(8, () -> new Value(null, null, gen.oneOf(".", "..", "%2e", "%2e%2e", ".%2e", "..;", ";", ";x=y", ""),
                        true)),
                w(2, () -> Value.literal(gen.oneOf("...", "a..b"))),
                w(10, () -> Value.literal(percentEncode(gen.oneOf("null", "undefined", "0", "-1", "1e5", "true",
                        "[]", "{}", "*", "~", "!", "$", "'", "(", ")", ",", "=", ":", "@", "&", "\\", "<>", "|")))),
                w(10, () -> Value.literal(gen.hex(gen.oneOf(1, 23, 25, 48)))),
                w(6, () -> Value.literal(percentEncode(gen.oneOf("' OR '1'='1", "\"; DROP TABLE apps; --",
                        "1 UNION SELECT secret FROM api_keys", "${jndi:ldap://x/a}", "{{7*7}}", "<script>")))),
                w(6, () -> Value.literal(percentEncode(gen.hex(24).toUpperCase(Locale.ROOT))
                        + gen.oneOf("", "%00", "%20"))));
    }

    private static List<Map.Entry<String, Value>> query(Gen gen) {
        List<Map.Entry<String, Value>> query = new ArrayList<>();
        int parameters = gen.between(1, 5);
        for (int i = 0; i < parameters; i++) {
            if (i > 0 && gen.chance(0.15)) {
                query.add(Map.entry(query.get(gen.between(0, i - 1)).getKey(), queryValue(gen)));
                continue;
            }
            String name = gen.weighted(
                    w(60, () -> gen.oneOf("page[size]", "page[after]", "page[before]", "filter[serviceAccountId]",
                            "limit", "offset", "serviceAccountId", "filter[accountId]", "filter[userId]",
                            "filter[userExternalId]", "filter[type]")),
                    w(10, () -> gen.oneOf("page%5Bsize%5D", "filter%5BserviceAccountId%5D", "page[size", "page[]",
                            "page", "filter", "filter[serviceAccountId][]", "PAGE[SIZE]", "", "%00", "limit[]")),
                    w(30, () -> percentEncode(JsonText.safeName(gen, gen.unicode(1, 12)))));
            query.add(gen.chance(0.05) ? new AbstractMap.SimpleEntry<>(name, null)
                    : Map.entry(name, queryValue(gen)));
        }
        return query;
    }

    private static Value queryValue(Gen gen) {
        return gen.weighted(
                w(30, () -> Value.literal(gen.oneOf("0", "1", "2", "25", "99", "100", "101", "-1", "1.5", "abc", "",
                        "1e2", "99999999999", "2147483647", "2147483648", "%205", "5%20", "0x10", "%EF%BC%95", "00001"))),
                w(35, () -> Value.of(gen.oneOf(Ref.records()))),
                w(8, () -> Value.of(gen.oneOf(Ref.records()), gen.oneOf(Mangling.values()))),
                w(10, () -> Value.literal(gen.hex(24))),
                w(5, () -> Value.literal(gen.oneOf("conversation:message", "conversation:create", "user:remove",
                        "conversation:Message", "conversation:", "fuzz-1"))),
                w(12, () -> Value.literal(percentEncode(gen.unicode(0, 20)))),
                w(5, () -> Value.literal("9".repeat(gen.oneOf(100, 5_000)))));
    }

    private static String contentType(Gen gen) {
        return gen.weighted(
                w(30, () -> null),
                w(30, () -> "application/json"),
                w(15, () -> gen.oneOf("application/json; charset=utf-8", "application/json;charset=UTF-8",
                        "APPLICATION/JSON", "Application/Json; Charset=\"utf-8\"", "application/json; charset=utf-16",
                        "application/json; charset=iso-8859-1", "application/json ; foo=bar", "application/json;",
                        "application/json;;", "application/json; charset=nonsense")),
                w(25, () -> gen.oneOf("text/plain", "text/json", "application/x-www-form-urlencoded",
                        "multipart/form-data; boundary=xyz", "application/jsonx", "application/json, text/plain",
                        "application/vnd.api+json", "application/problem+json", "application/xml", "", ";", "/",
                        "application/", "*/*", "json", "application/json\u00e9", gen.printableAscii(1, 40))));
    }

    private static String accept(Gen gen) {
        return gen.chance(0.6) ? null : gen.oneOf("application/json", "*/*", "text/html", "application/xml",
                "application/json;q=0", "text/plain, */*;q=0.1", "garbage///", "", "application/yaml");
    }

    private static String requestId(Gen gen) {
        return gen.weighted(
                w(50, () -> null),
                w(25, () -> gen.alphanumeric(1, 20) + gen.oneOf("", ".", "_", ":", "-") + gen.alphanumeric(0, 40)),
                w(25, () -> gen.oneOf("x".repeat(65), "has space", "<script>", "\u00e9t\u00e9", "a\tb", "", " ",
                        "../x", "a,b", "\"q\"", "id;drop", "y".repeat(200), "  padded  ", "{}", "%00")));
    }

    private static Map<String, String> extraHeaders(Gen gen) {
        if (gen.chance(0.8)) {
            return Map.of();
        }
        return gen.oneOf(
                Map.of("X-HTTP-Method-Override", gen.oneOf("DELETE", "PUT", "PATCH")),
                Map.of("X-Method-Override", "DELETE"),
                Map.of("X-Forwarded-For", gen.oneOf("127.0.0.1, 10.0.0.1", "garbage", "::1", "")),
                Map.of("Forwarded", "for=1.2.3.4;host=evil.example;proto=https"),
                Map.of("X-Forwarded-Host", "evil.example", "X-Forwarded-Proto", "https"),
                Map.of("Origin", "https://evil.example"),
                Map.of("Cookie", "session=" + gen.alphanumeric(1, 40)),
                Map.of("Content-Encoding", gen.oneOf("gzip", "deflate", "br", "identity", "nonsense")),
                Map.of("X-Parley-" + gen.alphanumeric(1, 10), gen.printableAscii(0, 100)),
                Map.of("If-None-Match", "*", "If-Modified-Since", "Thu, 01 Jan 1970 00:00:00 GMT"),
                Map.of("Range", "bytes=0-10"),
                Map.of("Accept-Charset", "utf-16"));
    }

    private static Credential validKey(Gen gen, List<Ref> keys) {
        return new Credential(gen.oneOf(CredentialKind.BASIC, CredentialKind.JWT), gen.oneOf(keys), null, null);
    }

    /** A credential that is valid where it is sent, in any of the ways it may be presented. */
    private static Credential validCredential(Gen gen, boolean admin) {
        if (admin) {
            return new Credential(gen.oneOf(CredentialKind.OPERATOR, CredentialKind.OPERATOR_LOWERCASE_SCHEME,
                    CredentialKind.OPERATOR_PADDED), null, null, null);
        }
        return new Credential(gen.oneOf(CredentialKind.BASIC, CredentialKind.JWT, CredentialKind.BASIC_LOWERCASE_SCHEME,
                CredentialKind.JWT_FUTURE_EXPIRY, CredentialKind.JWT_EXTRA_CLAIMS), gen.oneOf(Ref.keys().stream()
                .filter(key -> key.kept).toList()), null, null);
    }

    /** Any credential at all, mostly a broken one. */
    private static Credential anyCredential(Gen gen, boolean admin) {
        CredentialKind kind = gen.chance(admin ? 0.3 : 0.15)
                ? gen.oneOf(CredentialKind.OPERATOR, CredentialKind.OPERATOR_LOWERCASE_SCHEME,
                CredentialKind.OPERATOR_PADDED, CredentialKind.OPERATOR_AS_BASIC, CredentialKind.OPERATOR_TRUNCATED,
                CredentialKind.OPERATOR_EXTENDED, CredentialKind.OPERATOR_WITHOUT_SCHEME)
                : gen.oneOf(CredentialKind.values());
        List<Ref> keys = Ref.keys();
        Ref key = kind.usesKey() ? gen.oneOf(keys) : null;
        Ref other = key == null ? null : gen.oneOf(keys.stream().filter(k -> k != key).toList());
        String garbage = switch (kind) {
            case JWT_GARBAGE -> gen.oneOf(gen.alphanumeric(1, 40) + "." + gen.alphanumeric(0, 40) + "." + gen.alphanumeric(0, 40),
                    gen.printableAscii(1, 200), "a.b.c", "..", "e30.e30.", "e30.e30", "x".repeat(9_000));
            case UNKNOWN_SCHEME -> gen.oneOf("Digest username=\"x\"", "Token " + gen.alphanumeric(10, 40), "Basic",
                    "Basic ", "Bearer ", "Negotiate YII=", "NTLM TlRMTVNTUAAB", gen.printableAscii(1, 80), "Basic=abc");
            default -> gen.alphanumeric(1, 64);
        };
        return new Credential(kind, key, other, garbage);
    }

    /** A body built from the endpoint's own fields, mostly valid values. */
    private static String plausibleBody(Gen gen, Endpoint endpoint) {
        String template = endpoint.template();
        String data = DATA_SHAPES.entrySet().stream().filter(shape -> template.endsWith(shape.getKey()))
                .map(Map.Entry::getValue).findFirst().orElse(null);
        if (data != null && template.startsWith("/v2/apps/{appId}/")) {
            return shapedBody(gen, data);
        }
        String shape = template.contains("/keys") ? (template.startsWith("/v1.1") ? "keyV1" : "key")
                : template.startsWith("/admin") ? "account"
                : template.contains("serviceaccounts") ? (template.startsWith("/v1.1") ? "serviceAccountV1" : "serviceAccount")
                : template.startsWith("/v1.1") ? "appV1" : "app";
        return shapedBody(gen, shape);
    }

    private static String shapedBody(Gen gen, String shape) {
        if (gen.chance(0.05)) {
            return JsonText.value(gen, 3);
        }
        Map<String, String> fields = DATA_SHAPES.containsValue(shape) ? dataFields(gen, shape)
                : provisioningFields(gen, shape);
        if (gen.chance(0.07)) {
            fields.put(JsonText.key(gen), JsonText.value(gen, 2));
        }
        StringBuilder json = new StringBuilder("{");
        fields.forEach((name, value) -> json.append(json.length() > 1 ? "," : "")
                .append(JsonText.quote(gen, name)).append(':').append(value));
        if (gen.chance(0.03) && !fields.isEmpty()) {
            String first = fields.keySet().iterator().next();
            json.append(",").append(JsonText.quote(gen, first)).append(':').append(nameValue(gen));
        }
        return json.append('}').toString();
    }

    /** The fields of an app, account, service account or key body. */
    private static Map<String, String> provisioningFields(Gen gen, String shape) {
        String nameField = shape.endsWith("V1") ? "name" : "displayName";
        if (gen.chance(0.08)) {
            nameField = nameField.equals("name") ? "displayName" : "name";
        }
        Map<String, String> fields = new LinkedHashMap<>();
        boolean partial = gen.chance(0.3);
        if (!partial || gen.chance(0.5)) {
            fields.put(nameField, nameValue(gen));
        }
        if (shape.startsWith("app")) {
            if (gen.chance(0.5)) {
                fields.put("settings", settingsValue(gen));
            }
            if (gen.chance(0.5)) {
                fields.put("metadata", metadataValue(gen));
            }
        }
        if (shape.equals("account") && gen.chance(0.6)) {
            fields.put("maxApps", gen.weighted(
                    w(40, () -> String.valueOf(gen.between(0, 50))),
                    w(20, () -> "null"),
                    w(40, () -> JsonText.number(gen)),
                    w(5, () -> JsonText.value(gen, 1))));
        }
        return fields;
    }

    /** The fields of a body inside an app, by shape (see {@link #DATA_SHAPES}): mostly valid values. */
    private static Map<String, String> dataFields(Gen gen, String shape) {
        Map<String, String> fields = new LinkedHashMap<>();
        switch (shape) {
            case "user", "userUpdate" -> {
                if (gen.chance(shape.equals("user") ? 0.8 : 0.05)) {
                    fields.put("externalId", nameValue(gen));
                }
                maybe(gen, 0.6, fields, "profile", () -> profileValue(gen));
                maybe(gen, 0.3, fields, "metadata", () -> metadataValue(gen));
                maybe(gen, 0.2, fields, "signedUpAt", () -> timestampValue(gen));
                maybe(gen, 0.2, fields, "toBeRetained", () -> gen.chance(0.8) ? gen.oneOf("true", "false")
                        : JsonText.scalar(gen));
            }
            case "conversation", "conversationUpdate" -> {
                if (shape.equals("conversation")) {
                    fields.put("type", gen.chance(0.85) ? gen.oneOf("\"personal\"", "\"sdkGroup\"")
                            : JsonText.scalar(gen));
                    maybe(gen, 0.8, fields, "participants", () -> "[" + String.join(",", gen.listOf(0, 3,
                            () -> objectWithUser("", userField(gen)))) + "]");
                }
                for (String field : List.of("displayName", "description", "iconUrl")) {
                    maybe(gen, 0.3, fields, field, () -> nameValue(gen));
                }
                maybe(gen, 0.3, fields, "metadata", () -> metadataValue(gen));
            }
            case "participant" -> put(fields, userField(gen));
            case "leaving" -> put(fields, gen.chance(0.15) ? Map.entry("participantId", JsonText.quote(gen, gen.hex(24)))
                    : userField(gen));
            case "message" -> {
                fields.put("author", authorValue(gen));
                fields.put("content", gen.weighted(
                        w(60, () -> "{\"type\":\"text\",\"text\":" + nameValue(gen) + "}"),
                        w(10, () -> "{\"type\":\"image\",\"mediaUrl\":" + gen.oneOf("\"https://example.com/a.png\"",
                                JsonText.string(gen)) + "}"),
                        w(10, () -> "{\"type\":\"" + gen.oneOf("carousel", "list", "location", "form", "file",
                                "template", "formResponse") + "\"}"),
                        w(20, () -> JsonText.value(gen, 2))));
                maybe(gen, 0.2, fields, "metadata", () -> metadataValue(gen));
            }
            case "activity" -> {
                fields.put("author", authorValue(gen));
                fields.put("type", gen.chance(0.8) ? gen.oneOf("\"typing:start\"", "\"typing:stop\"",
                        "\"conversation:read\"") : JsonText.scalar(gen));
            }
            default -> throw new IllegalArgumentException(shape);
        }
        return fields;
    }

    private static void put(Map<String, String> fields, Map.Entry<String, String> field) {
        fields.put(field.getKey(), field.getValue());
    }

    private static void maybe(Gen gen, double probability, Map<String, String> fields, String name,
                              java.util.function.Supplier<String> value) {
        if (gen.chance(probability)) {
            fields.put(name, value.get());
        }
    }

    /**
     * A user named in a body, by {@code userId} or {@code userExternalId} (the field and its JSON value): mostly a
     * fixture user, of the request's app or not, or one deleted.
     */
    private static Map.Entry<String, String> userField(Gen gen) {
        return gen.weighted(
                w(60, () -> Map.entry("userId", "\"" + recordIn(gen.oneOf(Ref.USER_A1, Ref.USER_B1, Ref.GONE_USER))
                        + "\"")),
                w(10, () -> Map.entry("userId", "\"" + recordIn(gen.oneOf(Ref.records())) + "\"")),
                w(10, () -> Map.entry("userId", JsonText.quote(gen, gen.hex(24)))),
                w(10, () -> Map.entry("userExternalId", gen.oneOf("\"fuzz-1\"", "\"fuzz-2\"", nameValue(gen)))),
                w(10, () -> Map.entry(gen.oneOf("userId", "userExternalId"), JsonText.value(gen, 1))));
    }

    /** A JSON object of the {@code leading} members (each with its comma), then the user's field. */
    private static String objectWithUser(String leading, Map.Entry<String, String> user) {
        return "{" + leading + "\"" + user.getKey() + "\":" + user.getValue() + "}";
    }

    private static String authorValue(Gen gen) {
        return gen.weighted(
                w(50, () -> "{\"type\":\"business\"" + (gen.chance(0.2) ? ",\"displayName\":" + nameValue(gen) : "")
                        + "}"),
                w(35, () -> objectWithUser("\"type\":\"user\",", userField(gen))),
                w(15, () -> JsonText.value(gen, 2)));
    }

    private static String profileValue(Gen gen) {
        if (gen.chance(0.1)) {
            return JsonText.value(gen, 1);
        }
        List<String> fields = new ArrayList<>();
        for (String field : List.of("givenName", "surname", "email", "avatarUrl", "locale")) {
            if (gen.chance(0.4)) {
                fields.add("\"" + field + "\":" + nameValue(gen));
            }
        }
        return "{" + String.join(",", fields) + "}";
    }

    private static String timestampValue(Gen gen) {
        return gen.weighted(
                w(60, () -> String.format(Locale.ROOT, "\"%04d-%02d-%02dT%02d:%02d:%02d.%03d%s\"",
                        gen.between(1971, 2100), gen.between(1, 12), gen.between(1, 28), gen.between(0, 23),
                        gen.between(0, 59), gen.between(0, 59), gen.between(0, 999),
                        gen.oneOf("Z", "+02:00", "-05:30"))),
                w(10, () -> "null"),
                w(30, () -> JsonText.scalar(gen)));
    }

    private static String nameValue(Gen gen) {
        return gen.weighted(
                w(40, () -> JsonText.quote(gen, gen.alphanumeric(1, 40))),
                w(12, () -> JsonText.quote(gen, gen.printableUnicode(1, 100))),
                w(8, () -> JsonText.quote(gen, gen.printableUnicode(95, 100))),
                w(6, () -> JsonText.quote(gen, JsonText.emoji(gen.oneOf(1, 50, 51, 99, 100)))),
                w(5, () -> JsonText.quote(gen, "x".repeat(gen.oneOf(100, 101)))),
                w(5, () -> JsonText.quote(gen, gen.oneOf("", " ", "\u00a0", "\u200b", "\u3000", "\t"))),
                w(5, () -> JsonText.quote(gen, gen.unicode(1, 20))),
                w(5, () -> JsonText.quote(gen, gen.oneOf("\ud800", "a\udc00", "x\ud83d", "\ud83d\ude00\ud800"))),
                w(4, () -> "null"),
                w(10, () -> JsonText.value(gen, 1)));
    }

    private static String settingsValue(Gen gen) {
        if (gen.chance(0.08)) {
            return JsonText.value(gen, 2);
        }
        StringBuilder json = new StringBuilder("{");
        int count = gen.between(0, 5);
        for (int i = 0; i < count; i++) {
            String name = gen.chance(0.93) ? gen.oneOf(JsonText.SETTINGS) : JsonText.key(gen);
            String value = name.equals("conversationRetentionSeconds")
                    ? gen.weighted(w(50, () -> String.valueOf(gen.between(0, 1_000_000))), w(50, () -> JsonText.number(gen)))
                    : gen.weighted(w(80, () -> gen.oneOf("true", "false")), w(8, () -> "null"),
                            w(12, () -> JsonText.scalar(gen)));
            json.append(i > 0 ? "," : "").append(JsonText.quote(gen, name)).append(':').append(value);
        }
        return json.append('}').toString();
    }

    private static String metadataValue(Gen gen) {
        return gen.weighted(
                w(10, () -> "null"),
                w(8, () -> JsonText.value(gen, 2)),
                w(8, () -> "{\"k\":" + JsonText.quote(gen, "m".repeat(gen.between(4080, 4100))) + "}"),
                w(74, () -> {
                    StringBuilder json = new StringBuilder("{");
                    int count = gen.between(0, 8);
                    for (int i = 0; i < count; i++) {
                        String value = gen.weighted(w(45, () -> JsonText.string(gen)),
                                w(35, () -> JsonText.number(gen)), w(12, () -> gen.oneOf("true", "false")),
                                w(8, () -> JsonText.value(gen, 1)));
                        json.append(i > 0 ? "," : "").append(JsonText.quote(gen,
                                        JsonText.safeName(gen, gen.chance(0.5) ? gen.alphanumeric(1, 12) : gen.unicode(0, 12))))
                                .append(':').append(value);
                    }
                    return json.append('}').toString();
                }));
    }

    // ---------------------------------------------------------------------------------------------------------
    // Small helpers

    private static List<Endpoint> documentedEndpoints() {
        String spec;
        try (InputStream in = GeneratedRequestsTest.class.getResourceAsStream("/openapi.yaml")) {
            spec = new String(Objects.requireNonNull(in, "openapi.yaml").readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        Pattern pathLine = Pattern.compile("^  (/\\S*):\\s*$");
        Pattern methodLine = Pattern.compile("^    (get|put|post|patch|delete|head|options|trace):\\s*$");
        List<Endpoint> endpoints = new ArrayList<>();
        List<String> methods = null;
        for (String line : spec.split("\n")) {
            if (line.startsWith("components:")) {
                break;
            }
            Matcher path = pathLine.matcher(line);
            Matcher method = methodLine.matcher(line);
            if (path.matches() && path.group(1).contains("{ownerId}")) {
                // Dashboard owners came after this generator's fixtures; their single-owner routes are not generated.
                methods = null;
            } else if (path.matches()) {
                methods = new ArrayList<>();
                endpoints.add(new Endpoint(path.group(1), methods));
            } else if (method.matches() && methods != null) {
                methods.add(method.group(1).toUpperCase(Locale.ROOT));
            }
        }
        return List.copyOf(endpoints);
    }

    /** Percent-encodes everything but the characters a path segment or query value may carry as they are. */
    static String percentEncode(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if ((c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || "-._~!$'()*,".indexOf(c) >= 0) {
                encoded.append((char) c);
            } else {
                encoded.append('%').append(String.format(Locale.ROOT, "%02X", c));
            }
        }
        return encoded.toString();
    }

    static String percentEncodeEverything(String text) {
        StringBuilder encoded = new StringBuilder();
        for (byte b : text.getBytes(StandardCharsets.UTF_8)) {
            encoded.append('%').append(String.format(Locale.ROOT, "%02x", b & 0xff));
        }
        return encoded.toString();
    }

    private static String jwt(String algorithm, String keyId, String payload, String secret) {
        String header = "{\"alg\":\"" + algorithm + "\",\"typ\":\"JWT\"" + (keyId == null ? "" : ",\"kid\":\"" + keyId + "\"")
                + "}";
        String signingInput = base64Url(header) + "." + base64Url(payload);
        if (algorithm.equals("none")) {
            return signingInput + ".";
        }
        try {
            String macName = "Hmac" + algorithm.replace("HS", "SHA");
            Mac mac = Mac.getInstance(macName);
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), macName));
            byte[] signature = mac.doFinal(signingInput.getBytes(StandardCharsets.US_ASCII));
            return signingInput + "." + Base64.getUrlEncoder().withoutPadding().encodeToString(signature);
        } catch (GeneralSecurityException e) {
            throw new AssertionError(e);
        }
    }

    private static String base64Url(String text) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String base64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8));
    }

    /** How a generated body names a fixture record, whose id the request gets when it is rendered. */
    static String recordIn(Ref ref) {
        return "@{" + ref + "}";
    }

    static String abbreviate(String text, int max) {
        if (text == null || text.length() <= max) {
            return text;
        }
        return text.substring(0, max) + "…(" + text.length() + " chars)";
    }
}
