package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.nimbusds.jose.JOSEException;
import com.nimbusds.jose.JWSAlgorithm;
import com.nimbusds.jose.crypto.MACVerifier;
import com.nimbusds.jwt.SignedJWT;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.text.ParseException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.params.AfterParameterizedClassInvocation;
import org.junit.jupiter.params.BeforeParameterizedClassInvocation;
import org.junit.jupiter.params.Parameter;
import org.junit.jupiter.params.ParameterizedClass;
import org.junit.jupiter.params.provider.EnumSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Base of the HTTP-level tests: each test class runs once against the embedded database and once against
 * PostgreSQL, on a server started for that run.
 */
@ParameterizedClass(name = "{0}")
@EnumSource(TestDatabase.class)
public abstract class ApiTest {
    protected static final String HEX_ID = "^[0-9a-f]{24}$";
    protected static final String ACCOUNT_KEY_ID = "^act_[0-9a-f]{24}$";
    protected static final String APP_KEY_ID = "^app_[0-9a-f]{24}$";
    protected static final String SERVICE_ACCOUNT_KEY_ID = "^svc_[0-9a-f]{24}$";
    /** A key's secret: 256 random bits or more, base64url without padding. */
    protected static final String SECRET = "^[A-Za-z0-9_-]{43,}$";
    private static final ObjectMapper JSON = new ObjectMapper();
    protected static TestServer server;
    protected static Api api;

    @Parameter
    protected TestDatabase database;

    @BeforeParameterizedClassInvocation
    static void startServer(TestDatabase database) {
        server = new TestServer(database);
        api = server.api();
    }

    @AfterParameterizedClassInvocation
    static void stopServer() {
        server.close();
    }

    /** An account made through the operator API, with its first account key. */
    public record AccountFixture(String id, String keyId, String secret) {
        public Auth basic() {
            return Auth.basic(keyId, secret);
        }

        public Auth jwt() {
            return Auth.jwt(keyId, secret, "account");
        }
    }

    /** A key as the API returned it. */
    public record KeyFixture(String id, String secret) {
        public Auth basic() {
            return Auth.basic(id, secret);
        }

        public Auth jwt(String scope) {
            return Auth.jwt(id, secret, scope);
        }
    }

    /** A dashboard owner made through the operator API, with the password to sign in with. */
    public record OwnerFixture(String id, String accountId, String email, String password) {
    }

    /** POSTs the body and returns the answer, which must be a 201. */
    protected static Response created(String path, Auth auth, String json) {
        Response created = api.post(path, auth, json);
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created;
    }

    protected static OwnerFixture createOwner(String accountId) {
        String email = "owner-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String password = "pw-" + java.util.UUID.randomUUID();
        Response created = created("/admin/accounts/" + accountId + "/owners", server.operator(),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        return new OwnerFixture(created.at("/owner/id"), accountId, email, password);
    }

    protected static DashboardClient dashboard() {
        return new DashboardClient(api.baseUrl());
    }

    protected static AccountFixture createAccount(String name, Integer maxApps) {
        Response created = created("/admin/accounts", server.operator(),
                "{\"displayName\":\"" + name + "\",\"maxApps\":" + maxApps + "}");
        return new AccountFixture(created.at("/account/id"), created.at("/key/id"), created.at("/key/secret"));
    }

    protected static String createApp(Auth auth, String name) {
        return created("/v2/apps", auth, "{\"displayName\":\"" + name + "\"}").at("/app/id");
    }

    protected static KeyFixture createAppKey(Auth auth, String appId, String name) {
        return key(created("/v2/apps/" + appId + "/keys", auth, "{\"displayName\":\"" + name + "\"}")
                .json().path("key"));
    }

    protected static String createServiceAccount(Auth auth, String name) {
        return created("/v2/serviceaccounts", auth, "{\"displayName\":\"" + name + "\"}").at("/serviceAccount/id");
    }

    protected static KeyFixture createServiceAccountKey(Auth auth, String serviceAccountId, String name) {
        return key(created("/v2/serviceaccounts/" + serviceAccountId + "/keys", auth,
                "{\"displayName\":\"" + name + "\"}").json().path("key"));
    }

    /** The v1.1 API's app, by name. */
    protected static String createV1App(Auth auth, String name) {
        return created("/v1.1/apps", auth, "{\"name\":\"" + name + "\"}").at("/app/_id");
    }

    protected static KeyFixture createV1AppKey(Auth auth, String appId, String name) {
        Response created = created("/v1.1/apps/" + appId + "/keys", auth, "{\"name\":\"" + name + "\"}");
        return new KeyFixture(created.at("/key/_id"), created.at("/key/secret"));
    }

    protected static String createV1ServiceAccount(Auth auth, String name) {
        return created("/v1.1/serviceaccounts", auth, "{\"name\":\"" + name + "\"}").at("/serviceAccount/_id");
    }

    protected static KeyFixture createV1ServiceAccountKey(Auth auth, String serviceAccountId, String name) {
        Response created = created("/v1.1/serviceaccounts/" + serviceAccountId + "/keys", auth,
                "{\"name\":\"" + name + "\"}");
        return new KeyFixture(created.at("/key/_id"), created.at("/key/secret"));
    }

    protected static void assertV1AppsPage(Response page, List<String> ids, boolean hasMore, int offset) {
        assertOffsetPage("apps", page, ids, hasMore, offset);
    }

    protected static void assertV1ServiceAccountsPage(Response page, List<String> ids, boolean hasMore, int offset) {
        assertOffsetPage("serviceAccounts", page, ids, hasMore, offset);
    }

    /** A v1.1 list page (limit and offset): its records' {@code _id}s, {@code hasMore} and {@code offset}. */
    private static void assertOffsetPage(String listField, Response page, List<String> ids, boolean hasMore,
                                         int offset) {
        assertThat(page.status()).as(page.toString()).isEqualTo(200);
        assertThat(idsOf(page.json().path(listField), "_id")).as(page.toString()).containsExactlyElementsOf(ids);
        assertThat(page.json().path("hasMore").isBoolean()).as(page.toString()).isTrue();
        assertThat(page.json().path("hasMore").asBoolean()).as("hasMore of " + page).isEqualTo(hasMore);
        assertThat(page.json().path("offset").isIntegralNumber()).as(page.toString()).isTrue();
        assertThat(page.json().path("offset").asLong()).as("offset of " + page).isEqualTo(offset);
    }

    /** The ids of a list's records, in the order listed. */
    protected static List<String> idsOf(JsonNode records) {
        return idsOf(records, "id");
    }

    /** The given id field ({@code _id} in v1.1) of a list's records, in the order listed. */
    protected static List<String> idsOf(JsonNode records, String field) {
        List<String> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.path(field).asText()));
        return ids;
    }

    /** An object's field names, in the order of the response. */
    protected static List<String> fieldNames(JsonNode node) {
        List<String> names = new ArrayList<>();
        node.fieldNames().forEachRemaining(names::add);
        return names;
    }

    protected static JsonNode json(String text) {
        try {
            return JSON.readTree(text);
        } catch (IOException e) {
            throw new AssertionError(e);
        }
    }

    /** The answer is the error with that status and code. */
    protected static void assertError(Response response, int status, String code) {
        assertError(response, status, code, "answer");
    }

    /** The same, for one of several requests: {@code sent} says which one in a failure. */
    protected static void assertError(Response response, int status, String code, String sent) {
        assertThat(response.status()).as("%s: %s", sent, response).isEqualTo(status);
        assertThat(response.errorCode()).as("%s: %s", sent, response).isEqualTo(code);
    }

    /** A 200 with the empty object, as a DELETE answers. */
    protected static void assertEmptyOk(Response response) {
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        assertThat(response.json().isObject() && response.json().isEmpty()).as(response.toString()).isTrue();
    }

    /** A key as the v1.1 API creates it, {@code {"key":{"_id","secret","name"}}}; answers the key. */
    protected static JsonNode assertV1Key(Response created, String idPattern, String name) {
        assertThat(fieldNames(created.json())).containsExactly("key");
        JsonNode key = created.json().path("key");
        assertThat(fieldNames(key)).containsExactlyInAnyOrder("_id", "secret", "name");
        assertThat(key.path("_id").asText()).matches(idPattern);
        assertThat(key.path("secret").asText()).matches(SECRET);
        assertThat(key.path("name").asText()).isEqualTo(name);
        return key;
    }

    /**
     * A v1.1 {@code /jwt} answer for the key: {@code {"jwt"}}, an HS256 token naming the key, signed with its secret,
     * whose only claim is the scope. Answers the token.
     */
    protected static String assertIssuedJwt(Response issued, KeyFixture key, String scope)
            throws ParseException, JOSEException {
        assertThat(issued.status()).as(issued.toString()).isEqualTo(200);
        assertThat(fieldNames(issued.json())).containsExactly("jwt");
        String token = issued.at("/jwt");
        SignedJWT jwt = SignedJWT.parse(token);
        assertThat(jwt.getHeader().getAlgorithm()).isEqualTo(JWSAlgorithm.HS256);
        assertThat(jwt.getHeader().getKeyID()).isEqualTo(key.id());
        assertThat(jwtPayload(token)).isEqualTo(json("{\"scope\":\"" + scope + "\"}"));
        assertThat(jwt.verify(new MACVerifier(key.secret().getBytes(StandardCharsets.UTF_8))))
                .as("signed with the key's secret").isTrue();
        return token;
    }

    /** Every v1.1 request on one app or service account (at {@code record}) and on its key, with these credentials. */
    protected static List<Response> everyV1RequestOn(String record, String keyId, Auth caller) {
        return List.of(
                api.get(record, caller),
                api.put(record, caller, "{\"name\":\"Stolen\"}"),
                api.delete(record, caller),
                api.get(record + "/keys", caller),
                api.post(record + "/keys", caller, "{\"name\":\"x\"}"),
                api.get(record + "/keys/" + keyId, caller),
                api.get(record + "/keys/" + keyId + "/jwt", caller),
                api.delete(record + "/keys/" + keyId, caller));
    }

    /** The claims of a JWT, decoded without checking anything. */
    private static JsonNode jwtPayload(String token) {
        String[] parts = token.split("\\.");
        assertThat(parts).hasSize(3);
        return json(new String(Base64.getUrlDecoder().decode(parts[1]), StandardCharsets.UTF_8));
    }

    protected static KeyFixture key(JsonNode key) {
        return new KeyFixture(key.path("id").asText(), key.path("secret").asText());
    }
}
