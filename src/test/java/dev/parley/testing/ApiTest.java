package dev.parley.testing;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
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

    protected static OwnerFixture createOwner(String accountId) {
        String email = "owner-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@acme.example";
        String password = "pw-" + java.util.UUID.randomUUID();
        Response created = api.post("/admin/accounts/" + accountId + "/owners", server.operator(),
                "{\"email\":\"" + email + "\",\"password\":\"" + password + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new OwnerFixture(created.at("/owner/id"), accountId, email, password);
    }

    protected static DashboardClient dashboard() {
        return new DashboardClient(api.baseUrl());
    }

    protected static AccountFixture createAccount(String name, Integer maxApps) {
        Response created = api.post("/admin/accounts", server.operator(),
                "{\"displayName\":\"" + name + "\",\"maxApps\":" + maxApps + "}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return new AccountFixture(created.at("/account/id"), created.at("/key/id"), created.at("/key/secret"));
    }

    protected static String createApp(Auth auth, String name) {
        Response created = api.post("/v2/apps", auth, "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/app/id");
    }

    protected static KeyFixture createAppKey(Auth auth, String appId, String name) {
        Response created = api.post("/v2/apps/" + appId + "/keys", auth, "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return key(created.json().path("key"));
    }

    protected static String createServiceAccount(Auth auth, String name) {
        Response created = api.post("/v2/serviceaccounts", auth, "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return created.at("/serviceAccount/id");
    }

    protected static KeyFixture createServiceAccountKey(Auth auth, String serviceAccountId, String name) {
        Response created = api.post("/v2/serviceaccounts/" + serviceAccountId + "/keys", auth,
                "{\"displayName\":\"" + name + "\"}");
        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        return key(created.json().path("key"));
    }

    /** The ids of a list's records, in the order listed. */
    protected static List<String> idsOf(JsonNode records) {
        List<String> ids = new ArrayList<>();
        records.forEach(record -> ids.add(record.path("id").asText()));
        return ids;
    }

    protected static KeyFixture key(JsonNode key) {
        return new KeyFixture(key.path("id").asText(), key.path("secret").asText());
    }
}
