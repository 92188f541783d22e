package dev.parley.integrations;

import dev.parley.api.ApiException;
import dev.parley.apps.AppAccess;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Principal;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.SecretGenerator;
import dev.parley.integrations.WebhookBodies.WebhookFields;
import dev.parley.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The rules for the webhooks of an app's integrations: at most ten per app, targets that pass
 * {@link WebhookTargets}, a generated secret, and every change in the audit log. A target's address is looked up
 * before the transaction, so a slow name server holds no database connection.
 */
public final class WebhookService {
    private final Database database;
    private final AppAccess apps;
    private final AccessPolicy policy;
    private final IntegrationStore integrations;
    private final WebhookStore webhooks;
    private final WebhookTargets targets;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final SecretGenerator secrets;
    private final Clock clock;

    public WebhookService(Database database, AppAccess apps, AccessPolicy policy, IntegrationStore integrations,
                          WebhookStore webhooks, WebhookTargets targets, AuditLog audit, IdGenerator ids,
                          SecretGenerator secrets, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.policy = policy;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.targets = targets;
        this.audit = audit;
        this.ids = ids;
        this.secrets = secrets;
        this.clock = clock;
    }

    public Webhook create(Principal caller, String appId, String integrationId, Supplier<WebhookFields> body) {
        database.withoutTransaction(handle -> authorize(handle, caller, appId, integrationId, false));
        WebhookFields fields = body.get();
        targets.resolve(fields.target());
        return database.inTransaction(handle -> add(handle, Actor.of(caller),
                authorize(handle, caller, appId, integrationId, true), integrationId, fields));
    }

    public List<Webhook> list(Principal caller, String appId, String integrationId) {
        return database.withoutTransaction(handle -> {
            authorize(handle, caller, appId, integrationId, false);
            return webhooks.ofIntegration(handle, appId, integrationId);
        });
    }

    public Webhook get(Principal caller, String appId, String integrationId, String webhookId) {
        return database.withoutTransaction(handle -> {
            authorize(handle, caller, appId, integrationId, false);
            return webhooks.require(handle, appId, integrationId, webhookId);
        });
    }

    public Webhook update(Principal caller, String appId, String integrationId, String webhookId,
                          Supplier<WebhookFields> body) {
        database.withoutTransaction(handle -> authorize(handle, caller, appId, integrationId, false));
        WebhookFields change = body.get();
        if (change.target() != null) {
            targets.resolve(change.target());
        }
        return database.inTransaction(handle -> {
            AppTarget app = authorize(handle, caller, appId, integrationId, true);
            Webhook changed = webhooks.require(handle, appId, integrationId, webhookId).changedBy(change);
            webhooks.update(handle, appId, changed);
            audit.record(handle, Actor.of(caller), app.accountId(), "webhook.update", webhookId);
            return changed;
        });
    }

    public void delete(Principal caller, String appId, String integrationId, String webhookId) {
        database.inTransaction(handle -> {
            AppTarget app = authorize(handle, caller, appId, integrationId, true);
            remove(handle, Actor.of(caller), app, webhooks.require(handle, appId, integrationId, webhookId));
            return null;
        });
    }

    /** A new webhook of the integration, inside the caller's transaction, holding the app to its most webhooks. */
    Webhook add(Handle handle, Actor actor, AppTarget app, String integrationId, WebhookFields fields) {
        if (!WebhookStore.WEBHOOK_SLOTS.take(handle, app.appId())) {
            throw ApiException.badRequest("An app can have at most " + WebhookStore.MAX_WEBHOOKS_PER_APP
                    + " webhooks; delete one before creating another");
        }
        Webhook webhook = new Webhook(ids.next(), integrationId, Webhook.VERSION, fields.target(), fields.triggers(),
                secrets.nextWebhookSecret(), Boolean.TRUE.equals(fields.includeFullUser()),
                Boolean.TRUE.equals(fields.includeFullSource()));
        webhooks.insert(handle, app.appId(), webhook, clock.instant());
        audit.record(handle, actor, app.accountId(), "webhook.create", webhook.id());
        return webhook;
    }

    /** Deletes a webhook inside the caller's transaction and gives its slot back to the app. */
    void remove(Handle handle, Actor actor, AppTarget app, Webhook webhook) {
        webhooks.delete(handle, app.appId(), webhook.id());
        WebhookStore.WEBHOOK_SLOTS.release(handle, app.appId());
        audit.record(handle, actor, app.accountId(), "webhook.delete", webhook.id());
    }

    /**
     * The app, when the caller may manage the webhooks of that integration of it: 404 {@code app_not_found}, 403
     * for another integration's webhooks to an integration key, 404 {@code integration_not_found}. With
     * {@code lock}, the integration's row stays locked, so its deletion and changes to its webhooks apply in turn.
     */
    private AppTarget authorize(Handle handle, Principal caller, String appId, String integrationId, boolean lock) {
        AppTarget app = apps.require(handle, caller, Action.MANAGE_WEBHOOKS, appId);
        policy.onIntegration(caller, Action.MANAGE_WEBHOOKS, integrationId).enforce(IntegrationStore::notFound);
        integrations.require(handle, appId, integrationId, lock);
        return app;
    }
}
