package dev.parley.audit;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every provisioning change leaves an audit event: who, with which credential, what, when, from where. */
class AuditLogApiTest extends ApiTest {

    @Test
    void recordsEveryChangeWithItsActorCredentialAddressAndRequestId() throws Exception {
        AccountFixture account = createAccount("Audited", 1);
        Response app = api.send("POST", "/v2/apps", account.basic(), "application/json",
                "{\"displayName\":\"Audited app\"}", Map.of("X-Request-Id", "audit-req-1"));
        String appId = app.at("/app/id");
        assertThat(api.post("/v2/apps", account.basic(), "{\"displayName\":\"Over the plan\"}").status())
                .as("refused: leaves no event").isEqualTo(402);
        KeyFixture appKey = createAppKey(account.jwt(), appId, "audited key");
        assertThat(api.patch("/v2/apps/" + appId, appKey.basic(), "{\"displayName\":\"Renamed by its key\"}").status())
                .isEqualTo(200);
        String serviceAccountId = createServiceAccount(account.basic(), "Audited deployment");
        assertThat(api.put("/v2/serviceaccounts/" + serviceAccountId + "/apps/" + appId, account.basic()).status())
                .isEqualTo(200);
        assertThat(api.delete("/v2/apps/" + appId + "/keys/" + appKey.id(), account.basic()).status()).isEqualTo(200);
        assertThat(api.delete("/v2/apps/" + appId, account.basic()).status()).isEqualTo(200);

        List<JsonNode> events = events(account.id());
        assertThat(events).extracting(e -> e.path("action").asText()).containsExactly(
                "account.create", "account_key.create", "app.create", "app_key.create", "app.update",
                "service_account.create", "service_account.grant", "app_key.delete", "app.delete");

        JsonNode created = events.get(2);
        assertThat(created.path("actor").asText()).isEqualTo("account_key");
        assertThat(created.path("credentialId").asText()).isEqualTo(account.keyId());
        assertThat(created.path("targetId").asText()).isEqualTo(appId);
        assertThat(created.path("requestId").asText()).isEqualTo("audit-req-1");
        assertThat(created.path("clientAddress").asText()).isEqualTo("127.0.0.1");
        assertThat(created.path("occurredAt").asText()).isNotBlank();
        assertThat(events.get(0).path("actor").asText()).isEqualTo("operator");
        assertThat(events.get(0).path("credentialId").isNull()).isTrue();
        JsonNode renamed = events.get(4);
        assertThat(renamed.path("actor").asText()).isEqualTo("app_key");
        assertThat(renamed.path("credentialId").asText()).isEqualTo(appKey.id());
        assertThat(events.get(6).path("targetId").asText()).isEqualTo(serviceAccountId + "/" + appId);

        assertThat(auditTableText()).doesNotContain(account.secret(), appKey.secret());
    }

    @Test
    void keepsEachAccountsEventsApartAndPagesThroughThem() {
        AccountFixture first = createAccount("Audit one", null);
        AccountFixture second = createAccount("Audit two", null);
        for (int i = 0; i < 3; i++) {
            createApp(first.basic(), "First " + i);
        }
        createApp(second.basic(), "Second");
        assertThat(events(second.id())).extracting(e -> e.path("accountId").asText()).containsOnly(second.id());

        Response page = api.get("/admin/audit?filter[accountId]=" + first.id() + "&page[size]=2", server.operator());
        assertThat(page.json().path("events")).hasSize(2);
        assertThat(page.json().at("/meta/hasMore").asBoolean()).isTrue();
        Response next = api.get(page.at("/links/next").substring(api.baseUrl().length()), server.operator());
        assertThat(next.json().path("events")).hasSize(2);
        assertThat(next.json().at("/events/0/id").asText()).isGreaterThan(page.json().at("/events/1/id").asText());

        assertThat(api.get("/admin/audit", first.basic()).status()).as("operator only").isEqualTo(401);
        assertThat(api.get("/admin/audit?filter[accountId]=nope", server.operator()).status()).isEqualTo(400);
    }

    private static List<JsonNode> events(String accountId) {
        Response response = api.get("/admin/audit?filter[accountId]=" + accountId + "&page[size]=100",
                server.operator());
        assertThat(response.status()).as(response.toString()).isEqualTo(200);
        List<JsonNode> events = new ArrayList<>();
        response.json().path("events").forEach(events::add);
        return events;
    }

    private static String auditTableText() throws Exception {
        StringBuilder text = new StringBuilder();
        try (Connection connection = server.connect();
             Statement statement = connection.createStatement();
             ResultSet rows = statement.executeQuery("SELECT * FROM audit_events")) {
            while (rows.next()) {
                for (int c = 1; c <= rows.getMetaData().getColumnCount(); c++) {
                    text.append(rows.getString(c)).append('|');
                }
            }
        }
        return text.toString();
    }
}
