package dev.parley.integrations;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.type.TypeReference;
import dev.parley.api.ApiException;
import dev.parley.crypto.Sealer;
import dev.parley.http.Json;
import dev.parley.store.LimitedCounter;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;

/**
 * The SQL of the webhooks of an app's integrations. A webhook's secret is sealed under the master key with the
 * webhook's id as associated data ({@code sealer.seal(webhookId, secret)}); its triggers are a JSON array of names.
 */
public final class WebhookStore {
    public static final int MAX_WEBHOOKS_PER_APP = 10;
    /** Holds each app to its most webhooks (the table's CHECK says the same). */
    public static final LimitedCounter WEBHOOK_SLOTS =
            new LimitedCounter("apps", "webhook_count", String.valueOf(MAX_WEBHOOKS_PER_APP));

    private static final String SELECT = "SELECT id, integration_id, version, target, triggers, include_full_user, "
            + "include_full_source, sealed_secret FROM webhooks WHERE app_id = :appId";
    private static final TypeReference<List<String>> NAMES = new TypeReference<>() {
    };

    private final Sealer sealer;
    private final RowMapper<Webhook> mapper = this::map;

    public WebhookStore(Sealer sealer) {
        this.sealer = sealer;
    }

    public void insert(Handle handle, String appId, Webhook webhook, Instant now) {
        handle.createUpdate("INSERT INTO webhooks (app_id, id, integration_id, version, target, triggers, "
                        + "include_full_user, include_full_source, sealed_secret, created_at) VALUES (:appId, :id, "
                        + ":integrationId, :version, :target, :triggers, :includeFullUser, :includeFullSource, "
                        + ":sealedSecret, :createdAt)")
                .bind("appId", appId)
                .bind("id", webhook.id())
                .bind("integrationId", webhook.integrationId())
                .bind("version", webhook.version())
                .bind("target", webhook.target())
                .bind("triggers", json(webhook.triggers()))
                .bind("includeFullUser", webhook.includeFullUser())
                .bind("includeFullSource", webhook.includeFullSource())
                .bind("sealedSecret", sealer.seal(webhook.id(), webhook.secret()))
                .bind("createdAt", Timestamp.from(now))
                .execute();
    }

    /** The app's webhooks (at most ten), oldest first. */
    public List<Webhook> ofApp(Handle handle, String appId) {
        return handle.createQuery(SELECT + " ORDER BY id").bind("appId", appId).map(mapper).list();
    }

    /** One integration's webhooks, oldest first. */
    public List<Webhook> ofIntegration(Handle handle, String appId, String integrationId) {
        return handle.createQuery(SELECT + " AND integration_id = :integrationId ORDER BY id")
                .bind("appId", appId)
                .bind("integrationId", integrationId)
                .map(mapper)
                .list();
    }

    /** The integration's webhook; 404 {@code not_found}, as upstream answers, otherwise. */
    public Webhook require(Handle handle, String appId, String integrationId, String webhookId) {
        Optional<Webhook> found = handle.createQuery(SELECT + " AND id = :id AND integration_id = :integrationId")
                .bind("appId", appId)
                .bind("id", webhookId)
                .bind("integrationId", integrationId)
                .map(mapper)
                .findOne();
        return found.orElseThrow(() -> ApiException.notFound("Resource not found"));
    }

    public void update(Handle handle, String appId, Webhook webhook) {
        handle.createUpdate("UPDATE webhooks SET target = :target, triggers = :triggers, "
                        + "include_full_user = :includeFullUser, include_full_source = :includeFullSource "
                        + "WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", webhook.id())
                .bind("target", webhook.target())
                .bind("triggers", json(webhook.triggers()))
                .bind("includeFullUser", webhook.includeFullUser())
                .bind("includeFullSource", webhook.includeFullSource())
                .execute();
    }

    public void delete(Handle handle, String appId, String webhookId) {
        handle.createUpdate("DELETE FROM webhooks WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", webhookId)
                .execute();
    }

    private Webhook map(ResultSet rs, StatementContext ctx) throws SQLException {
        String id = rs.getString("id");
        return new Webhook(id, rs.getString("integration_id"), rs.getString("version"), rs.getString("target"),
                triggers(rs.getString("triggers")), sealer.open(id, rs.getString("sealed_secret")),
                rs.getBoolean("include_full_user"), rs.getBoolean("include_full_source"));
    }

    private static String json(List<String> triggers) {
        try {
            return Json.mapper().writeValueAsString(triggers);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a list of names could not be written as JSON", e);
        }
    }

    private static List<String> triggers(String json) {
        try {
            return Json.mapper().readValue(json, NAMES);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("a webhook's stored triggers are not a JSON array of names", e);
        }
    }
}
