package dev.parley.purge;

import dev.parley.testing.TestServer;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** An app's data written straight into the tables, as the data plane's routes would, and counted there. */
final class AppData {
    /** Every table of app data. */
    static final List<String> TABLES =
            List.of("users", "clients", "devices", "conversations", "participants", "messages", "events",
                    "integrations", "webhooks", "switchboards", "switchboard_integrations");

    private final TestServer server;

    AppData(TestServer server) {
        this.server = server;
    }

    static String newId() {
        return UUID.randomUUID().toString().replace("-", "").substring(0, 24);
    }

    /**
     * A user with a client and a device, in a conversation (last active at {@code lastActivity}) holding
     * {@code messages} messages, one event of the app created at {@code lastActivity}, and a custom integration with
     * its webhook, linked to the app's switchboard (made by the first call); answers the conversation.
     */
    String conversation(String appId, Instant lastActivity, int messages) throws SQLException {
        String userId = newId();
        String clientId = newId();
        String conversationId = newId();
        Timestamp at = Timestamp.from(lastActivity);
        try (Connection connection = server.connect()) {
            execute(connection, "INSERT INTO users (app_id, id, profile, metadata, created_at) "
                    + "VALUES (?, ?, '{}', '{}', ?)", appId, userId, at);
            execute(connection, "INSERT INTO clients (app_id, id, user_id, type, status) "
                    + "VALUES (?, ?, ?, 'sdk', 'active')", appId, clientId, userId);
            execute(connection, "INSERT INTO devices (app_id, id, user_id, client_id, type, guid, status, last_seen) "
                    + "VALUES (?, ?, ?, ?, 'ios', 'guid', 'active', ?)", appId, newId(), userId, clientId, at);
            execute(connection, "INSERT INTO conversations (app_id, id, type, metadata, last_updated_at, "
                    + "last_activity_at, created_at) VALUES (?, ?, 'personal', '{}', ?, ?, ?)",
                    appId, conversationId, at, at, at);
            execute(connection, "INSERT INTO participants (app_id, id, conversation_id, user_id) VALUES (?, ?, ?, ?)",
                    appId, newId(), conversationId, userId);
            event(connection, appId, lastActivity);
            String integrationId = newId();
            execute(connection, "INSERT INTO integrations (app_id, id, type, created_at) VALUES (?, ?, 'custom', ?)",
                    appId, integrationId, at);
            execute(connection, "INSERT INTO webhooks (app_id, id, integration_id, version, target, triggers, "
                    + "sealed_secret, created_at) VALUES (?, ?, ?, 'v2', 'http://127.0.0.1:9/', '[]', 'sealed', ?)",
                    appId, newId(), integrationId, at);
            execute(connection, "INSERT INTO switchboards (app_id, id, created_at) VALUES (?, ?, ?) "
                    + "ON CONFLICT DO NOTHING", appId, newId(), at);
            execute(connection, "INSERT INTO switchboard_integrations (app_id, id, switchboard_id, name, integration_id, "
                    + "deliver_standby_events, created_at) SELECT app_id, ?, id, ?, ?, TRUE, ? FROM switchboards "
                    + "WHERE app_id = ?", newId(), "s" + integrationId, integrationId, at, appId);
            connection.setAutoCommit(false);
            String message = "INSERT INTO messages (app_id, conversation_id, id, received, author, content, source) "
                    + "VALUES (?, ?, ?, ?, '{}', '{}', '{}')";
            try (PreparedStatement insert = connection.prepareStatement(message)) {
                for (int i = 0; i < messages; i++) {
                    bind(insert, appId, conversationId, newId(), at);
                    insert.addBatch();
                }
                insert.executeBatch();
            }
            connection.commit();
        }
        return conversationId;
    }

    /** One event of the app, created at that time. */
    void event(String appId, Instant createdAt) throws SQLException {
        try (Connection connection = server.connect()) {
            event(connection, appId, createdAt);
        }
    }

    private static void event(Connection connection, String appId, Instant createdAt) throws SQLException {
        execute(connection, "INSERT INTO events (app_id, id, type, created_at, payload) "
                + "VALUES (?, ?, 'user:remove', ?, '{}')", appId, newId(), Timestamp.from(createdAt));
    }

    /** A webhook delivery of the app, made at that time, with one attempt. */
    void webhookDelivery(String appId, Instant createdAt) throws SQLException {
        String webhookId = newId();
        String eventId = newId();
        Timestamp at = Timestamp.from(createdAt);
        try (Connection connection = server.connect()) {
            execute(connection, "INSERT INTO webhook_deliveries (app_id, webhook_id, event_id, status, give_up_at, "
                    + "created_at) VALUES (?, ?, ?, 'delivered', ?, ?)", appId, webhookId, eventId, at, at);
            execute(connection, "INSERT INTO webhook_delivery_attempts (app_id, webhook_id, event_id, attempt, "
                    + "attempted_at, status_code, latency_ms) VALUES (?, ?, ?, 1, ?, 200, 5)", appId, webhookId,
                    eventId, at);
        }
    }

    /** The app's webhook deliveries and their attempts, in all. */
    long webhookDeliveryRows(String appId) throws SQLException {
        return count("SELECT COUNT(*) FROM webhook_deliveries WHERE app_id = ?", appId)
                + count("SELECT COUNT(*) FROM webhook_delivery_attempts WHERE app_id = ?", appId);
    }

    void idempotencyKey(String accountId, Instant createdAt) throws SQLException {
        try (Connection connection = server.connect()) {
            execute(connection, "INSERT INTO idempotency_keys (account_id, route, idempotency_key, body_digest, "
                    + "created_at) VALUES (?, 'POST /v2/apps/{appId}/users', ?, 'digest', ?)",
                    accountId, newId(), Timestamp.from(createdAt));
        }
    }

    /** The app's rows in every table, by table. */
    Map<String, Long> counts(String appId) throws SQLException {
        Map<String, Long> counts = new LinkedHashMap<>();
        for (String table : TABLES) {
            counts.put(table, count("SELECT COUNT(*) FROM " + table + " WHERE app_id = ?", appId));
        }
        return counts;
    }

    long messages(String appId, String conversationId) throws SQLException {
        return count("SELECT COUNT(*) FROM messages WHERE app_id = ? AND conversation_id = ?", appId, conversationId);
    }

    long count(String sql, Object... values) throws SQLException {
        try (Connection connection = server.connect();
             PreparedStatement query = connection.prepareStatement(sql)) {
            bind(query, values);
            try (ResultSet rs = query.executeQuery()) {
                rs.next();
                return rs.getLong(1);
            }
        }
    }

    private static void execute(Connection connection, String sql, Object... values) throws SQLException {
        try (PreparedStatement statement = connection.prepareStatement(sql)) {
            bind(statement, values);
            statement.executeUpdate();
        }
    }

    private static void bind(PreparedStatement statement, Object... values) throws SQLException {
        for (int i = 0; i < values.length; i++) {
            statement.setObject(i + 1, values[i]);
        }
    }
}
