package dev.parley.integrations;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.store.CursorPages;
import dev.parley.store.KeysetScan;
import dev.parley.store.LimitedCounter;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Consumer;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The SQL of an app's integrations. */
public final class IntegrationStore {
    public static final int MAX_KEYS_PER_INTEGRATION = 10;
    /** Holds each integration to its most keys (the table's CHECK says the same). */
    public static final LimitedCounter KEY_SLOTS =
            new LimitedCounter("integrations", "key_count", String.valueOf(MAX_KEYS_PER_INTEGRATION));

    private static final String SELECT = "SELECT id, type, status, display_name FROM integrations "
            + "WHERE app_id = :appId";
    private static final String SELECT_CREATED = "SELECT id, type, status, display_name, created_at "
            + "FROM integrations WHERE app_id = :appId";
    private static final RowMapper<Integration> MAPPER = (rs, ctx) -> new Integration(rs.getString("id"),
            rs.getString("type"), rs.getString("status"), rs.getString("display_name"), List.of());

    /** An integration, without its webhooks, with the time it was created, as exports carry it. */
    record Created(Integration integration, String createdAt) {
    }

    private static final RowMapper<Created> CREATED = (rs, ctx) -> new Created(MAPPER.map(rs, ctx),
            Timestamps.format(rs.getTimestamp("created_at")));

    /** Every integration of the app with its creation time, in id order, in pages (see {@link KeysetScan}). */
    void forEachCreated(Handle handle, String appId, Consumer<Created> each) {
        KeysetScan.forEach(handle, SELECT_CREATED, "id", "app_id", Map.of("appId", appId), CREATED,
                created -> created.integration().id(), each);
    }

    Optional<Created> findCreated(Handle handle, String appId, String integrationId) {
        return handle.createQuery(SELECT_CREATED + " AND id = :id")
                .bind("appId", appId)
                .bind("id", integrationId)
                .map(CREATED)
                .findOne();
    }

    public void insert(Handle handle, String appId, Integration integration, Instant now) {
        handle.createUpdate("INSERT INTO integrations (app_id, id, type, display_name, status, created_at) "
                        + "VALUES (:appId, :id, :type, :displayName, :status, :createdAt)")
                .bind("appId", appId)
                .bind("id", integration.id())
                .bind("type", integration.type())
                .bind("displayName", integration.displayName())
                .bind("status", integration.status())
                .bind("createdAt", Timestamp.from(now))
                .execute();
    }

    /**
     * The integration, without its webhooks; 404 {@code integration_not_found} otherwise. With {@code lock}, its
     * row stays locked until the transaction ends, so a deletion and the changes beside it apply in turn.
     */
    public Integration require(Handle handle, String appId, String integrationId, boolean lock) {
        return handle.createQuery(SELECT + " AND id = :id" + (lock ? " FOR UPDATE" : ""))
                .bind("appId", appId)
                .bind("id", integrationId)
                .map(MAPPER)
                .findOne()
                .orElseThrow(IntegrationStore::notFound);
    }

    /** One page of the app's integrations, of the given types only when some are given. */
    public Page<Integration> page(Handle handle, String appId, Optional<List<String>> types, PageRequest request) {
        Map<String, Object> bindings = new LinkedHashMap<>();
        bindings.put("appId", appId);
        StringBuilder select = new StringBuilder(SELECT);
        types.ifPresent(names -> {
            select.append(" AND type IN (");
            for (int i = 0; i < names.size(); i++) {
                select.append(i == 0 ? ":type" : ", :type").append(i);
                bindings.put("type" + i, names.get(i));
            }
            select.append(')');
        });
        return CursorPages.fetch(handle, select.toString(), "id", "app_id", bindings, MAPPER, request);
    }

    public void rename(Handle handle, String appId, String integrationId, String displayName) {
        handle.createUpdate("UPDATE integrations SET display_name = :displayName WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", integrationId)
                .bind("displayName", displayName)
                .execute();
    }

    public void delete(Handle handle, String appId, String integrationId) {
        handle.createUpdate("DELETE FROM integrations WHERE app_id = :appId AND id = :id")
                .bind("appId", appId)
                .bind("id", integrationId)
                .execute();
    }

    /**
     * The name of the switchboard integration that links the integration to its app's switchboard, if one does.
     * (The switchboard's table, read here rather than through the switchboards feature, which builds on this one.)
     */
    Optional<String> switchboardLink(Handle handle, String appId, String integrationId) {
        return handle.createQuery("SELECT name FROM switchboard_integrations WHERE app_id = :appId "
                        + "AND integration_id = :integrationId")
                .bind("appId", appId)
                .bind("integrationId", integrationId)
                .mapTo(String.class)
                .findFirst();
    }

    public static ApiException notFound() {
        return new ApiException(404, "integration_not_found", "Integration not found");
    }
}
