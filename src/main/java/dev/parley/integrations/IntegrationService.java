package dev.parley.integrations;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.apps.AppAccess;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.Action;
import dev.parley.auth.ApiKey;
import dev.parley.auth.AppTarget;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.IdGenerator;
import dev.parley.integrations.IntegrationBodies.NameChange;
import dev.parley.integrations.IntegrationBodies.NewIntegration;
import dev.parley.keys.ApiKeyStore;
import dev.parley.keys.KeyOwner;
import dev.parley.store.Database;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.jdbi.v3.core.Handle;

/**
 * The rules for an app's custom integrations: each made with its one webhook; deleting one deletes its webhooks
 * and its keys, and revokes the keys at once on every server. Every change is in the audit log.
 */
public final class IntegrationService {
    private final Database database;
    private final AppAccess apps;
    private final IntegrationStore integrations;
    private final WebhookStore webhooks;
    private final WebhookService webhookService;
    private final WebhookTargets targets;
    private final ApiKeyStore keys;
    private final Revocations revocations;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public IntegrationService(Database database, AppAccess apps, IntegrationStore integrations, WebhookStore webhooks,
                              WebhookService webhookService, WebhookTargets targets, ApiKeyStore keys,
                              Revocations revocations, AuditLog audit, IdGenerator ids, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.webhookService = webhookService;
        this.targets = targets;
        this.keys = keys;
        this.revocations = revocations;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    public Integration create(Principal caller, String appId, Supplier<NewIntegration> body) {
        database.withoutTransaction(handle -> apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId));
        NewIntegration created = body.get();
        targets.resolve(created.webhook().target());
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId);
            Integration integration = new Integration(ids.next(), Integration.CUSTOM, Integration.ACTIVE,
                    created.displayName(), List.of());
            integrations.insert(handle, appId, integration, clock.instant());
            audit.record(handle, Actor.of(caller), app.accountId(), "integration.create", integration.id());
            Webhook webhook = webhookService.add(handle, Actor.of(caller), app, integration.id(), created.webhook());
            return integration.withWebhooks(List.of(webhook));
        });
    }

    public Page<Integration> list(Principal caller, String appId, Optional<List<String>> types, PageRequest page) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId);
            Page<Integration> found = integrations.page(handle, appId, types, page);
            Map<String, List<Webhook>> byIntegration = webhooks.ofApp(handle, appId).stream()
                    .collect(Collectors.groupingBy(Webhook::integrationId));
            return found.map(integration -> integration.withWebhooks(
                    byIntegration.getOrDefault(integration.id(), List.of())));
        });
    }

    public Integration get(Principal caller, String appId, String integrationId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId);
            return withWebhooks(handle, appId, integrations.require(handle, appId, integrationId, false));
        });
    }

    public Integration update(Principal caller, String appId, String integrationId, Supplier<NameChange> body) {
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId);
            Integration integration = integrations.require(handle, appId, integrationId, true);
            Integration changed = body.get().applyTo(integration);
            integrations.rename(handle, appId, integrationId, changed.displayName());
            audit.record(handle, Actor.of(caller), app.accountId(), "integration.update", integrationId);
            return withWebhooks(handle, appId, changed);
        });
    }

    /** Deletes the integration with its webhooks and keys; its keys stop working at once on every server. */
    public void delete(Principal caller, String appId, String integrationId) {
        database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId);
            integrations.require(handle, appId, integrationId, true);
            integrations.switchboardLink(handle, appId, integrationId).ifPresent(name -> {
                throw ApiException.badRequest("The integration is switchboard integration '" + name + "' of the "
                        + "app's switchboard: delete that switchboard integration first");
            });
            Actor actor = Actor.of(caller);
            for (Webhook webhook : webhooks.ofIntegration(handle, appId, integrationId)) {
                webhookService.remove(handle, actor, app, webhook);
            }
            for (ApiKey key : keys.list(handle, KeyKind.INTEGRATION, integrationId)) {
                audit.record(handle, actor, app.accountId(), KeyKind.INTEGRATION.storedName() + "_key.delete",
                        key.id());
            }
            keys.deleteOwnedBy(handle, KeyKind.INTEGRATION, integrationId);
            integrations.delete(handle, appId, integrationId);
            revocations.revoke(handle, Revocation.ofIntegration(integrationId));
            audit.record(handle, actor, app.accountId(), "integration.delete", integrationId);
            return null;
        });
    }

    /** The app's custom integrations as owners of integration keys, for the caller. */
    public KeyOwner keyOwner(Principal caller, String appId) {
        return new IntegrationKeys(apps, integrations, caller, appId);
    }

    private Integration withWebhooks(Handle handle, String appId, Integration integration) {
        return integration.withWebhooks(webhooks.ofIntegration(handle, appId, integration.id()));
    }
}
