package dev.parley.webhooks;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.MasterKey;
import dev.parley.crypto.Sealer;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.Base64;
import java.util.List;
import java.util.Map;

/**
 * Custom integrations and their webhooks, written straight into the database as the integrations API writes them
 * (same columns, the secret sealed with the webhook's id): so that a test can give a webhook a target the API would
 * refuse today (one it checked at creation and must refuse at delivery) and write to a stopped server's database.
 */
final class WebhookFixture {
    private static final IdGenerator IDS = new IdGenerator();
    private static final SecureRandom RANDOM = new SecureRandom();

    private final Map<String, String> env;
    private final Path dataDir;
    private final Sealer sealer;

    /** On the database of a server in this JVM. */
    WebhookFixture(TestServer server) {
        this(server.env(), server.dataDir());
    }

    /**
     * On the database of a server with that environment (a process's, see ParleyProcess; on the embedded database,
     * only while no server has it open).
     */
    WebhookFixture(Map<String, String> env, Path dataDir) {
        this.env = env;
        this.dataDir = dataDir;
        this.sealer = new Sealer(MasterKey.parse(masterKey()));
    }

    /** A webhook as created: its id and its plain secret. */
    record Webhook(String id, String secret) {
    }

    /** A custom integration of the app; answers its id. */
    String createIntegration(String appId) {
        String id = IDS.next();
        execute("INSERT INTO integrations (app_id, id, type, display_name, created_at) VALUES (?, ?, 'custom', "
                + "'Receiver', ?)", appId, id, Timestamp.from(Instant.now()));
        return id;
    }

    /** A webhook of the integration, version v2, to that target for those triggers. */
    Webhook createWebhook(String appId, String integrationId, String target, List<String> triggers) {
        String id = IDS.next();
        byte[] key = new byte[32];
        RANDOM.nextBytes(key);
        String secret = "whsec_" + Base64.getEncoder().encodeToString(key);
        String triggerArray;
        try {
            triggerArray = new ObjectMapper().writeValueAsString(triggers);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        execute("INSERT INTO webhooks (app_id, id, integration_id, version, target, triggers, sealed_secret, "
                        + "created_at) VALUES (?, ?, ?, 'v2', ?, ?, ?, ?)", appId, id, integrationId, target,
                triggerArray, sealer.seal(id, secret), Timestamp.from(Instant.now()));
        return new Webhook(id, secret);
    }

    void deleteWebhook(String appId, String webhookId) {
        execute("DELETE FROM webhooks WHERE app_id = ? AND id = ?", appId, webhookId);
    }

    void deleteIntegration(String appId, String integrationId) {
        execute("DELETE FROM webhooks WHERE app_id = ? AND integration_id = ?", appId, integrationId);
        execute("DELETE FROM integrations WHERE app_id = ? AND id = ?", appId, integrationId);
    }

    private void execute(String sql, Object... values) {
        try (Connection connection = TestDatabase.connect(env, dataDir); PreparedStatement statement = connection.prepareStatement(sql)) {
            for (int i = 0; i < values.length; i++) {
                statement.setObject(i + 1, values[i]);
            }
            statement.executeUpdate();
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private String masterKey() {
        String configured = env.get("PARLEY_MASTER_KEY");
        if (configured != null) {
            return configured;
        }
        try {
            return Files.readString(dataDir.resolve("master-key")).strip();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
