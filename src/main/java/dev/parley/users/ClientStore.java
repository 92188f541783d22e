package dev.parley.users;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import dev.parley.store.KeysetScan;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.function.Consumer;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of users' clients and devices. */
public final class ClientStore {
    private static final String OF_APP = "SELECT id, user_id, type, status, integration_id, external_id, last_seen, "
            + "linked_at, display_name, avatar_url, info FROM clients WHERE app_id = :appId";
    private static final String CLIENTS = OF_APP + " AND user_id = :userId";
    private static final String DEVICES = "SELECT id, type, guid, client_id, status, integration_id, last_seen, "
            + "push_notification_token, info, app_version FROM devices WHERE app_id = :appId AND user_id = :userId";
    private static final RowMapper<Client> CLIENT = (rs, ctx) -> new Client(rs.getString("id"),
            rs.getString("user_id"), rs.getString("type"), rs.getString("status"), rs.getString("integration_id"),
            rs.getString("external_id"), Timestamps.format(rs.getTimestamp("last_seen")),
            Timestamps.format(rs.getTimestamp("linked_at")),
            rs.getString("display_name"), rs.getString("avatar_url"), rs.getString("info"));
    private static final RowMapper<Device> DEVICE = (rs, ctx) -> new Device(rs.getString("id"), rs.getString("type"),
            rs.getString("guid"), rs.getString("client_id"), rs.getString("status"), rs.getString("integration_id"),
            Timestamps.format(rs.getTimestamp("last_seen")), rs.getString("push_notification_token"),
            rs.getString("info"), rs.getString("app_version"));

    Page<Client> list(Handle handle, String appId, String userId, PageRequest request) {
        return CursorPages.fetch(handle, CLIENTS, "id", "app_id, user_id", Map.of("appId", appId, "userId", userId),
                CLIENT, request);
    }

    /** The user's client, or 404 {@code client_not_found}. */
    Client require(Handle handle, String appId, String userId, String clientId) {
        return handle.createQuery(CLIENTS + " AND id = :id")
                .bind("appId", appId)
                .bind("userId", userId)
                .bind("id", clientId)
                .map(CLIENT)
                .findOne()
                .orElseThrow(() -> new ApiException(404, "client_not_found", "Client not found"));
    }

    /** Every client of the app, in id order, in pages (see {@link KeysetScan}). */
    void forEachOfApp(Handle handle, String appId, Consumer<Client> each) {
        KeysetScan.forEach(handle, OF_APP, "id", "app_id", Map.of("appId", appId), CLIENT, Client::id, each);
    }

    Optional<Client> find(Handle handle, String appId, String clientId) {
        return handle.createQuery(OF_APP + " AND id = :id")
                .bind("appId", appId)
                .bind("id", clientId)
                .map(CLIENT)
                .findOne();
    }

    void insert(Handle handle, String appId, Client client) {
        handle.createUpdate("INSERT INTO clients (app_id, id, user_id, type, status, integration_id, external_id, "
                        + "display_name, avatar_url, info, linked_at, last_seen) VALUES (:appId, :id, :userId, :type, "
                        + ":status, :integrationId, :externalId, :displayName, :avatarUrl, :info, :linkedAt, :lastSeen)")
                .bind("appId", appId)
                .bind("id", client.id())
                .bind("userId", client.userId())
                .bind("type", client.type())
                .bind("status", client.status())
                .bind("integrationId", client.integrationId())
                .bind("externalId", client.externalId())
                .bind("displayName", client.displayName())
                .bind("avatarUrl", client.avatarUrl())
                .bind("info", client.info())
                .bind("linkedAt", timestamp(client.linkedAt()))
                .bind("lastSeen", timestamp(client.lastSeen()))
                .execute();
    }

    private static Timestamp timestamp(String formatted) {
        return formatted == null ? null : Timestamp.from(Instant.parse(formatted));
    }

    /** Deletes the client and its devices. */
    void delete(Handle handle, String appId, String clientId) {
        for (String delete : List.of("DELETE FROM devices WHERE app_id = :appId AND client_id = :id",
                "DELETE FROM clients WHERE app_id = :appId AND id = :id")) {
            handle.createUpdate(delete).bind("appId", appId).bind("id", clientId).execute();
        }
    }

    /** Forgets what the user's clients tell of the person (deleting personal information), keeping the clients. */
    void clearPersonalInformation(Handle handle, String appId, String userId) {
        handle.createUpdate("UPDATE clients SET display_name = NULL, avatar_url = NULL, info = NULL "
                        + "WHERE app_id = :appId AND user_id = :userId")
                .bind("appId", appId)
                .bind("userId", userId)
                .execute();
    }

    /** The user's devices, most recently seen first. */
    List<Device> devices(Handle handle, String appId, String userId) {
        return handle.createQuery(DEVICES + " ORDER BY last_seen DESC, id DESC")
                .bind("appId", appId)
                .bind("userId", userId)
                .map(DEVICE)
                .list();
    }

    Optional<Device> device(Handle handle, String appId, String userId, String deviceId) {
        return handle.createQuery(DEVICES + " AND id = :id")
                .bind("appId", appId)
                .bind("userId", userId)
                .bind("id", deviceId)
                .map(DEVICE)
                .findOne();
    }

}
