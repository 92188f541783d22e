package dev.parley.switchboards;

import dev.parley.api.ApiException;
import dev.parley.apps.AppAccess;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.Action;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Principal;
import dev.parley.conversations.ConversationStore;
import dev.parley.crypto.IdGenerator;
import dev.parley.integrations.IntegrationStore;
import dev.parley.store.Database;
import dev.parley.switchboards.SwitchboardBodies.IntegrationFields;
import dev.parley.switchboards.SwitchboardBodies.SwitchboardChange;
import java.time.Clock;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * The rules for an app's switchboard and its switchboard integrations. Every change locks the switchboard's row, so
 * the changes of one switchboard apply in turn, and is in the audit log.
 */
public final class SwitchboardService {
    private final Database database;
    private final AppAccess apps;
    private final SwitchboardStore switchboards;
    private final IntegrationStore integrations;
    private final ConversationStore conversations;
    private final AuditLog audit;
    private final IdGenerator ids;
    private final Clock clock;

    public SwitchboardService(Database database, AppAccess apps, IntegrationStore integrations,
                              ConversationStore conversations, AuditLog audit, IdGenerator ids, Clock clock) {
        this.database = database;
        this.apps = apps;
        this.switchboards = new SwitchboardStore();
        this.integrations = integrations;
        this.conversations = conversations;
        this.audit = audit;
        this.ids = ids;
        this.clock = clock;
    }

    /** Creates the app's one switchboard, disabled. */
    public Switchboard create(Principal caller, String appId) {
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            Switchboard created = new Switchboard(ids.next(), false, null);
            if (!switchboards.insert(handle, appId, created.id(), clock.instant())) {
                throw ApiException.badRequest("Only one switchboard can be created per app");
            }
            audit.record(handle, Actor.of(caller), app.accountId(), "switchboard.create", created.id());
            return created;
        });
    }

    public List<Switchboard> list(Principal caller, String appId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            return switchboards.ofApp(handle, appId).stream().toList();
        });
    }

    /** Enables, disables or sets the default; an enabled switchboard always has a default. */
    public Switchboard update(Principal caller, String appId, String switchboardId, Supplier<SwitchboardChange> body) {
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            Switchboard changed = body.get().applyTo(switchboards.require(handle, appId, switchboardId, true));
            if (changed.defaultSwitchboardIntegrationId() != null) {
                requireOwn(handle, appId, switchboardId, changed.defaultSwitchboardIntegrationId(),
                        "defaultSwitchboardIntegrationId");
            } else if (changed.enabled()) {
                throw ApiException.badRequest("A switchboard needs a defaultSwitchboardIntegrationId to be enabled");
            }
            switchboards.update(handle, appId, changed);
            audit.record(handle, Actor.of(caller), app.accountId(), "switchboard.update", switchboardId);
            return changed;
        });
    }

    /** Deletes the switchboard with its integrations; every integration then hears every event again. */
    public void delete(Principal caller, String appId, String switchboardId) {
        database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            switchboards.require(handle, appId, switchboardId, true);
            Actor actor = Actor.of(caller);
            for (SwitchboardIntegration linked : switchboards.integrations(handle, appId, switchboardId)) {
                audit.record(handle, actor, app.accountId(), "switchboard_integration.delete", linked.id());
            }
            switchboards.delete(handle, appId, switchboardId);
            conversations.clearSwitchboardStates(handle, appId);
            audit.record(handle, actor, app.accountId(), "switchboard.delete", switchboardId);
            return null;
        });
    }

    public SwitchboardIntegration createIntegration(Principal caller, String appId, String switchboardId,
                                                    Supplier<IntegrationFields> body) {
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            switchboards.require(handle, appId, switchboardId, true);
            SwitchboardIntegration created = body.get().applyTo(new SwitchboardIntegration(ids.next(), null, null,
                    SwitchboardIntegration.CUSTOM, true, null, null));
            requireValid(handle, appId, switchboardId, created);
            if (!switchboards.insertIntegration(handle, appId, switchboardId, created, clock.instant())) {
                throw new ApiException(400, "too_many_switchboard_integrations",
                        "Switchboard has reached the max number of switchboard integrations ("
                                + SwitchboardStore.MAX_INTEGRATIONS + ")");
            }
            audit.record(handle, Actor.of(caller), app.accountId(), "switchboard_integration.create", created.id());
            return created;
        });
    }

    public List<SwitchboardIntegration> listIntegrations(Principal caller, String appId, String switchboardId) {
        return database.withoutTransaction(handle -> {
            apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            switchboards.require(handle, appId, switchboardId, false);
            return switchboards.integrations(handle, appId, switchboardId);
        });
    }

    public SwitchboardIntegration updateIntegration(Principal caller, String appId, String switchboardId, String id,
                                                    Supplier<IntegrationFields> body) {
        return database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            switchboards.require(handle, appId, switchboardId, true);
            SwitchboardIntegration changed = body.get().applyTo(
                    switchboards.requireIntegration(handle, appId, switchboardId, id));
            requireValid(handle, appId, switchboardId, changed);
            switchboards.updateIntegration(handle, appId, changed);
            audit.record(handle, Actor.of(caller), app.accountId(), "switchboard_integration.update", id);
            return changed;
        });
    }

    /**
     * Deletes the switchboard integration, unless it is the default or another's next. The conversations it controls
     * go to the default at their next user message.
     */
    public void deleteIntegration(Principal caller, String appId, String switchboardId, String id) {
        database.inTransaction(handle -> {
            AppTarget app = apps.require(handle, caller, Action.MANAGE_SWITCHBOARDS, appId);
            Switchboard switchboard = switchboards.require(handle, appId, switchboardId, true);
            switchboards.requireIntegration(handle, appId, switchboardId, id);
            if (id.equals(switchboard.defaultSwitchboardIntegrationId())) {
                throw ApiException.badRequest("The switchboard integration is the switchboard's default: make "
                        + "another the default first");
            }
            for (SwitchboardIntegration other : switchboards.integrations(handle, appId, switchboardId)) {
                if (!other.id().equals(id) && id.equals(other.nextSwitchboardIntegrationId())) {
                    throw ApiException.badRequest("The switchboard integration is the nextSwitchboardIntegrationId "
                            + "of " + other.name() + ": change that first");
                }
            }
            // Conversations first: an action holding one of them finishes before its row is changed here, and none
            // waits for this deletion while holding a conversation (which a deletion first would risk).
            conversations.dropSwitchboardIntegration(handle, appId, id);
            switchboards.deleteIntegration(handle, appId, switchboardId, id);
            audit.record(handle, Actor.of(caller), app.accountId(), "switchboard_integration.delete", id);
            return null;
        });
    }

    /**
     * A switchboard integration as it would be stored: its custom integration exists (and is locked against its
     * deletion until the end), its name and integration are not another's, and its next is of this switchboard.
     */
    private void requireValid(Handle handle, String appId, String switchboardId, SwitchboardIntegration candidate) {
        integrations.require(handle, appId, candidate.integrationId(), true);
        for (SwitchboardIntegration other : switchboards.integrations(handle, appId, switchboardId)) {
            if (other.id().equals(candidate.id())) {
                continue;
            }
            if (other.name().equals(candidate.name())) {
                throw ApiException.conflict("The switchboard already has a switchboard integration named "
                        + candidate.name());
            }
            if (other.integrationId().equals(candidate.integrationId())) {
                throw ApiException.conflict("The integration is already linked to the switchboard, by "
                        + other.name());
            }
        }
        if (candidate.nextSwitchboardIntegrationId() != null
                && !candidate.nextSwitchboardIntegrationId().equals(candidate.id())) {
            requireOwn(handle, appId, switchboardId, candidate.nextSwitchboardIntegrationId(),
                    "nextSwitchboardIntegrationId");
        }
    }

    private void requireOwn(Handle handle, String appId, String switchboardId, String id, String field) {
        boolean own = switchboards.integrations(handle, appId, switchboardId).stream()
                .anyMatch(linked -> linked.id().equals(id));
        if (!own) {
            throw ApiException.badRequest(field + " must be the id of one of the switchboard's integrations");
        }
    }
}
