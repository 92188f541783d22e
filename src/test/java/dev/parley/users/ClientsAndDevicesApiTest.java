package dev.parley.users;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.parley.testing.ApiTest;
import dev.parley.testing.DataPlane;
import dev.parley.testing.Response;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Clients and devices as channels will make them: no route creates one yet, so each test stores them the way a
 * channel would, then reads, removes and forgets them through the API.
 */
class ClientsAndDevicesApiTest extends ApiTest {
    private static final String SDK_CLIENT = "5d8cff3cd55b040010928b01";
    private static final String SMS_CLIENT = "5d8cff3cd55b040010928b02";
    private static final String DEVICE = "5d8cff3cd55b040010928b03";

    private DataPlane app;
    private String user;

    @BeforeEach
    void aUserOnTwoChannels() throws SQLException {
        AccountFixture account = createAccount("Clients", null);
        app = new DataPlane(api, createApp(account.basic(), "Clients"), account.basic());
        user = app.createUser("on-channels");
        try (Connection connection = server.connect()) {
            insertClient(connection, SDK_CLIENT, "sdk", null);
            insertClient(connection, SMS_CLIENT, "twilio", "5d8cff3cd55b040010928b09");
            try (PreparedStatement device = connection.prepareStatement("INSERT INTO devices (app_id, id, user_id, "
                    + "client_id, type, guid, status, info, last_seen) VALUES (?, ?, ?, ?, 'web', 'guid-1', 'active', "
                    + "'{\"browser\":\"Firefox\"}', ?)")) {
                device.setString(1, app.appId());
                device.setString(2, DEVICE);
                device.setString(3, user);
                device.setString(4, SDK_CLIENT);
                device.setTimestamp(5, Timestamp.from(Instant.parse("2026-12-06T10:00:00.250Z")));
                device.executeUpdate();
            }
        }
    }

    private void insertClient(Connection connection, String id, String type, String integrationId)
            throws SQLException {
        try (PreparedStatement client = connection.prepareStatement("INSERT INTO clients (app_id, id, user_id, type, "
                + "status, integration_id, external_id, display_name, avatar_url, info, linked_at, last_seen) "
                + "VALUES (?, ?, ?, ?, 'active', ?, 'ext-' || ?, 'Ada', 'https://example.com/a.png', "
                + "'{\"phone\":\"+15550001\"}', ?, ?)")) {
            Timestamp at = Timestamp.from(Instant.parse("2026-12-06T09:00:00.125Z"));
            client.setString(1, app.appId());
            client.setString(2, id);
            client.setString(3, user);
            client.setString(4, type);
            client.setString(5, integrationId);
            client.setString(6, id);
            client.setTimestamp(7, at);
            client.setTimestamp(8, at);
            client.executeUpdate();
        }
    }

    @Test
    void listsClientsInCursorPagesAndDevicesWhole() {
        Response first = app.get("/users/" + user + "/clients?page[size]=1");
        assertThat(first.status()).as(first.toString()).isEqualTo(200);
        assertThat(first.json().path("clients").get(0)).isEqualTo(json("{\"id\":\"" + SDK_CLIENT + "\","
                + "\"type\":\"sdk\","
                + "\"status\":\"active\",\"externalId\":\"ext-" + SDK_CLIENT + "\","
                + "\"lastSeen\":\"2026-12-06T09:00:00.125Z\",\"linkedAt\":\"2026-12-06T09:00:00.125Z\","
                + "\"displayName\":\"Ada\",\"avatarUrl\":\"https://example.com/a.png\","
                + "\"info\":{\"phone\":\"+15550001\"}}"));
        assertThat(first.json().at("/meta/hasMore").asBoolean()).isTrue();
        Response second = app.get("/users/on-channels/clients?page[after]=" + first.json().at("/meta/afterCursor")
                .asText());
        assertThat(idsOf(second.json().path("clients"))).containsExactly(SMS_CLIENT);

        JsonNode devices = app.get("/users/on-channels/devices").json().path("devices");
        assertThat(idsOf(devices)).containsExactly(DEVICE);
        JsonNode device = app.get("/users/on-channels/devices/" + DEVICE).json().path("device");
        assertThat(device).isEqualTo(devices.get(0));
        assertThat(device).isEqualTo(json("{\"id\":\"" + DEVICE + "\",\"type\":\"web\",\"guid\":\"guid-1\","
                + "\"clientId\":\""
                + SDK_CLIENT + "\",\"status\":\"active\",\"lastSeen\":\"2026-12-06T10:00:00.250Z\","
                + "\"info\":{\"browser\":\"Firefox\"}}"));
    }

    @Test
    void removesAChannelClientButNeverTheSdkOne() {
        Response sdk = api.delete(app.path("/users/" + user + "/clients/" + SDK_CLIENT), app.auth());
        assertError(sdk, 400, "bad_request");
        assertThat(sdk.at("/errors/0/title")).isEqualTo("Cannot remove a client of type 'sdk'");

        assertEmptyOk(api.delete(app.path("/users/" + user + "/clients/" + SMS_CLIENT), app.auth()));
        assertThat(idsOf(app.get("/users/" + user + "/clients").json().path("clients"))).containsExactly(SDK_CLIENT);
        List<JsonNode> removed = app.events("client:remove");
        assertThat(removed).hasSize(1);
        JsonNode payload = removed.get(0).path("payload");
        assertThat(payload.path("user")).isEqualTo(json("{\"id\":\"" + user
                + "\",\"externalId\":\"on-channels\",\"authenticated\":false}"));
        assertThat(payload.at("/client/id").asText()).isEqualTo(SMS_CLIENT);
        assertThat(payload.at("/client/type").asText()).isEqualTo("twilio");
        assertThat(payload.path("reason").asText()).isEqualTo("api");
        assertError(api.delete(app.path("/users/" + user + "/clients/" + SMS_CLIENT), app.auth()), 404,
                "client_not_found");
    }

    @Test
    void deletingPersonalInformationForgetsWhatClientsTellOfThePerson() {
        assertThat(api.delete(app.path("/users/" + user + "/personalinformation"), app.auth()).status())
                .isEqualTo(200);
        for (JsonNode client : app.get("/users/" + user + "/clients").json().path("clients")) {
            assertThat(fieldNames(client)).doesNotContain("displayName", "avatarUrl", "info");
            assertThat(client.path("externalId").asText()).startsWith("ext-");
        }
    }

    @Test
    void deletingTheUserDeletesItsClientsAndDevices() throws SQLException {
        assertEmptyOk(api.delete(app.path("/users/" + user), app.auth()));
        try (Connection connection = server.connect()) {
            for (String table : List.of("clients", "devices")) {
                try (PreparedStatement count = connection.prepareStatement("SELECT COUNT(*) FROM " + table
                        + " WHERE app_id = ?")) {
                    count.setString(1, app.appId());
                    try (ResultSet rs = count.executeQuery()) {
                        rs.next();
                        assertThat(rs.getInt(1)).as(table).isZero();
                    }
                }
            }
        }
    }
}
