package dev.parley.integrations;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.ApiException;
import dev.parley.api.Timestamps;
import dev.parley.audit.AuditLog;
import dev.parley.auth.Action;
import dev.parley.crypto.SecretGenerator;
import dev.parley.http.Json;
import dev.parley.http.JsonFields;
import dev.parley.transfer.ImportInto;
import dev.parley.transfer.Records;
import dev.parley.transfer.TransferSection;
import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;

/**
 * The app's custom integrations, then their webhooks, in exports and imports, without secrets or keys: an imported
 * webhook gets a fresh secret, and its target is checked as at any creation.
 */
public final class IntegrationTransfer implements TransferSection {
    static final String INTEGRATION = "integration";
    static final String WEBHOOK = "webhook";
    private static final String CREATED_AT = "createdAt";
    private static final String INTEGRATION_ID = "integrationId";
    private static final Set<String> WEBHOOK_SHOWN_ONLY = Set.of("id", "version", INTEGRATION_ID);

    private final IntegrationStore integrations;
    private final WebhookStore webhooks;
    private final WebhookTargets targets;
    private final SecretGenerator secrets;
    private final AuditLog audit;
    private final Clock clock;

    public IntegrationTransfer(IntegrationStore integrations, WebhookStore webhooks, WebhookTargets targets,
                               SecretGenerator secrets, AuditLog audit, Clock clock) {
        this.clock = clock;
        this.audit = audit;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.targets = targets;
        this.secrets = secrets;
    }

    @Override
    public List<String> kinds() {
        return List.of(INTEGRATION, WEBHOOK);
    }

    @Override
    public Action readAction() {
        return Action.MANAGE_INTEGRATIONS;
    }

    @Override
    public void export(Handle handle, String appId, Consumer<ObjectNode> out) {
        integrations.forEachCreated(handle, appId, created -> out.accept(record(created)));
        webhooks.ofApp(handle, appId).forEach(webhook -> out.accept(record(webhook)));
    }

    @Override
    public Applied apply(Handle handle, ImportInto into, String kind, ObjectNode record) {
        return kind.equals(INTEGRATION) ? applyIntegration(handle, into, record) : applyWebhook(handle, into, record);
    }

    private Applied applyIntegration(Handle handle, ImportInto into, ObjectNode record) {
        String appId = into.appId();
        String id = Records.id(record, "id");
        if (!Integration.CUSTOM.equals(record.path("type").asText()) || !Integration.ACTIVE.equals(
                record.path("status").asText())) {
            throw ApiException.badRequest("Only active custom integrations can be imported");
        }
        Instant createdAt = Records.time(record, CREATED_AT, true);
        IntegrationStore.Created incoming = new IntegrationStore.Created(new Integration(id, Integration.CUSTOM,
                Integration.ACTIVE, JsonFields.displayName(record, "displayName", false).orElse(null), List.of()),
                Timestamps.format(createdAt));
        Optional<IntegrationStore.Created> existing = integrations.findCreated(handle, appId, id);
        if (existing.isPresent()) {
            return Records.sameOrRefused(INTEGRATION, record(existing.get()), record(incoming));
        }
        integrations.insert(handle, appId, incoming.integration(), createdAt);
        audit.record(handle, into.actor(), into.accountId(), "integration.create", id);
        return Applied.CREATED;
    }

    private Applied applyWebhook(Handle handle, ImportInto into, ObjectNode record) {
        String appId = into.appId();
        String id = Records.id(record, "id");
        String integrationId = Records.id(record, INTEGRATION_ID);
        if (!Webhook.VERSION.equals(record.path("version").asText())) {
            throw ApiException.badRequest("version must be " + Webhook.VERSION);
        }
        WebhookBodies.WebhookFields fields = WebhookBodies.forCreate(Records.without(record, WEBHOOK_SHOWN_ONLY),
                "The webhook");
        Webhook incoming = new Webhook(id, integrationId, Webhook.VERSION, fields.target(), fields.triggers(),
                null, Boolean.TRUE.equals(fields.includeFullUser()), Boolean.TRUE.equals(fields.includeFullSource()));
        Optional<Webhook> existing = webhooks.ofApp(handle, appId).stream()
                .filter(webhook -> webhook.id().equals(id)).findFirst();
        if (existing.isPresent()) {
            return Records.sameOrRefused(WEBHOOK, record(existing.get()), record(incoming));
        }
        integrations.require(handle, appId, integrationId, true);
        targets.resolve(incoming.target());
        if (!WebhookStore.WEBHOOK_SLOTS.take(handle, appId)) {
            throw ApiException.badRequest("An app can have at most " + WebhookStore.MAX_WEBHOOKS_PER_APP
                    + " webhooks");
        }
        webhooks.insert(handle, appId, new Webhook(id, integrationId, Webhook.VERSION, incoming.target(),
                incoming.triggers(), secrets.nextWebhookSecret(), incoming.includeFullUser(),
                incoming.includeFullSource()), clock.instant());
        audit.record(handle, into.actor(), into.accountId(), "webhook.create", id);
        return Applied.CREATED;
    }

    private static ObjectNode record(IntegrationStore.Created created) {
        Integration integration = created.integration();
        ObjectNode record = Json.mapper().createObjectNode().put(Records.KIND, INTEGRATION)
                .put("id", integration.id()).put("type", integration.type()).put("status", integration.status());
        if (integration.displayName() != null) {
            record.put("displayName", integration.displayName());
        }
        return record.put(CREATED_AT, created.createdAt());
    }

    /** The webhook as the API shows it, but for its secret. */
    private static ObjectNode record(Webhook webhook) {
        ObjectNode record = Records.of(WEBHOOK, webhook).put(INTEGRATION_ID, webhook.integrationId());
        record.remove("secret");
        return record;
    }
}
