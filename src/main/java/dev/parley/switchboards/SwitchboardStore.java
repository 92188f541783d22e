package dev.parley.switchboards;

import dev.parley.api.ApiException;
import dev.parley.store.LimitedCounter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of an app's switchboard and its switchboard integrations. */
final class SwitchboardStore {
    static final int MAX_INTEGRATIONS = 10;
    /** Holds each switchboard to its most switchboard integrations (the table's CHECK says the same). */
    private static final LimitedCounter INTEGRATION_SLOTS = new LimitedCounter("switchboards", "integration_count",
            String.valueOf(MAX_INTEGRATIONS));

    private static final String SWITCHBOARD = "SELECT id, enabled, default_switchboard_integration_id FROM switchboards "
            + "WHERE app_id = :appId";
    private static final RowMapper<Switchboard> SWITCHBOARDS = (rs, ctx) -> new Switchboard(rs.getString("id"),
            rs.getBoolean("enabled"), rs.getString("default_switchboard_integration_id"));
    private static final String INTEGRATION = "SELECT id, name, integration_id, deliver_standby_events, "
            + "next_switchboard_integration_id, message_history_count FROM switchboard_integrations "
            + "WHERE app_id = :appId AND switchboard_id = :switchboardId";
    private static final RowMapper<SwitchboardIntegration> INTEGRATIONS = (rs, ctx) -> new SwitchboardIntegration(
            rs.getString("id"), rs.getString("name"), rs.getString("integration_id"), SwitchboardIntegration.CUSTOM,
            rs.getBoolean("deliver_standby_events"), rs.getString("next_switchboard_integration_id"),
            (Integer) rs.getObject("message_history_count"));

    /** Inserts the app's switchboard, disabled; false when the app already has one. */
    boolean insert(Handle handle, String appId, String id, Instant now) {
        return handle.createUpdate("INSERT INTO switchboards (app_id, id, enabled, integration_count, created_at) "
                        + "VALUES (:appId, :id, FALSE, 0, :createdAt) ON CONFLICT DO NOTHING")
                .bind("appId", appId)
                .bind("id", id)
                .bind("createdAt", Timestamp.from(now))
                .execute() == 1;
    }

    /** The app's switchboard, if it has one. */
    Optional<Switchboard> ofApp(Handle handle, String appId) {
        return handle.createQuery(SWITCHBOARD).bind("appId", appId).map(SWITCHBOARDS).findOne();
    }

    /**
     * The switchboard, or 404 {@code switchboard_not_found}; with {@code lock}, its row stays locked until the
     * transaction ends, so that the changes of one switchboard and its integrations apply in turn.
     */
    Switchboard require(Handle handle, String appId, String switchboardId, boolean lock) {
        return handle.createQuery(SWITCHBOARD + " AND id = :id" + (lock ? " FOR UPDATE" : ""))
                .bind("appId", appId)
                .bind("id", switchboardId)
                .map(SWITCHBOARDS)
                .findOne()
                .orElseThrow(() -> new ApiException(404, "switchboard_not_found", "Switchboard not found"));
    }

    void update(Handle handle, String appId, Switchboard switchboard) {
        handle.createUpdate("UPDATE switchboards SET enabled = :enabled, default_switchboard_integration_id = "
                        + ":defaultId WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", switchboard.id())
                .bind("enabled", switchboard.enabled())
                .bind("defaultId", switchboard.defaultSwitchboardIntegrationId())
                .execute();
    }

    /** Deletes the switchboard with its switchboard integrations. */
    void delete(Handle handle, String appId, String switchboardId) {
        handle.createUpdate("DELETE FROM switchboard_integrations WHERE app_id = :appId AND switchboard_id = :id")
                .bind("appId", appId)
                .bind("id", switchboardId)
                .execute();
        handle.createUpdate("DELETE FROM switchboards WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", switchboardId)
                .execute();
    }

    /** The switchboard's integrations, oldest first. */
    List<SwitchboardIntegration> integrations(Handle handle, String appId, String switchboardId) {
        return handle.createQuery(INTEGRATION + " ORDER BY id")
                .bind("appId", appId)
                .bind("switchboardId", switchboardId)
                .map(INTEGRATIONS)
                .list();
    }

    /** The switchboard integration, or 404 {@code switchboard_integration_not_found}. */
    SwitchboardIntegration requireIntegration(Handle handle, String appId, String switchboardId, String id) {
        return handle.createQuery(INTEGRATION + " AND id = :id")
                .bind("appId", appId)
                .bind("switchboardId", switchboardId)
                .bind("id", id)
                .map(INTEGRATIONS)
                .findOne()
                .orElseThrow(() -> new ApiException(404, "switchboard_integration_not_found",
                        "Switchboard integration not found"));
    }

    /**
     * Whether the switchboard integration still exists, its row then locked until the transaction ends: a deletion
     * either waits for the change that names it (and then finds the conversations it controls) or has removed it.
     */
    boolean lockIntegration(Handle handle, String appId, String id) {
        return handle.createQuery("SELECT id FROM switchboard_integrations WHERE app_id = :appId AND id = :id "
                        + "FOR UPDATE")
                .bind("appId", appId)
                .bind("id", id)
                .mapTo(String.class)
                .findOne()
                .isPresent();
    }

    /** Inserts the switchboard integration within the switchboard's ten; false when it has ten already. */
    boolean insertIntegration(Handle handle, String appId, String switchboardId, SwitchboardIntegration created,
                              Instant now) {
        if (!INTEGRATION_SLOTS.take(handle, appId, switchboardId)) {
            return false;
        }
        handle.createUpdate("INSERT INTO switchboard_integrations (app_id, id, switchboard_id, name, integration_id, "
                        + "deliver_standby_events, next_switchboard_integration_id, message_history_count, created_at) "
                        + "VALUES (:appId, :id, :switchboardId, :name, :integrationId, :deliverStandbyEvents, :next, "
                        + ":messageHistoryCount, :createdAt)")
                .bind("appId", appId)
                .bind("id", created.id())
                .bind("switchboardId", switchboardId)
                .bind("name", created.name())
                .bind("integrationId", created.integrationId())
                .bind("deliverStandbyEvents", created.deliverStandbyEvents())
                .bind("next", created.nextSwitchboardIntegrationId())
                .bind("messageHistoryCount", created.messageHistoryCount())
                .bind("createdAt", Timestamp.from(now))
                .execute();
        return true;
    }

    void updateIntegration(Handle handle, String appId, SwitchboardIntegration changed) {
        handle.createUpdate("UPDATE switchboard_integrations SET name = :name, integration_id = :integrationId, "
                        + "deliver_standby_events = :deliverStandbyEvents, next_switchboard_integration_id = :next, "
                        + "message_history_count = :messageHistoryCount WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", changed.id())
                .bind("name", changed.name())
                .bind("integrationId", changed.integrationId())
                .bind("deliverStandbyEvents", changed.deliverStandbyEvents())
                .bind("next", changed.nextSwitchboardIntegrationId())
                .bind("messageHistoryCount", changed.messageHistoryCount())
                .execute();
    }

    void deleteIntegration(Handle handle, String appId, String switchboardId, String id) {
        handle.createUpdate("DELETE FROM switchboard_integrations WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", id)
                .execute();
        INTEGRATION_SLOTS.release(handle, appId, switchboardId);
    }
}
