package dev.parley.apps;

import dev.parley.accounts.AccountStore;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AppTarget;
import dev.parley.crypto.IdGenerator;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import dev.parley.store.CursorPages;
import dev.parley.store.DeletedApps;
import dev.parley.store.LimitedCounter;
import dev.parley.store.OffsetPages;
import dev.parley.store.StatementChain;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.time.Duration;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.StatementContext;
import org.jdbi.v3.core.statement.Update;

/** The apps table. */
public final class AppStore {
    public static final int MAX_KEYS_PER_APP = 10;
    /** Holds each app to its most keys. */
    public static final LimitedCounter KEY_SLOTS =
            new LimitedCounter("apps", "key_count", String.valueOf(MAX_KEYS_PER_APP));
    private static final String COLUMNS = "a.id, a.account_id, a.display_name, a.app_token, a.settings, a.metadata";
    private static final String INSERTED = "id, account_id, display_name, app_token, settings, metadata";
    private static final RowMapper<App> MAPPER = AppStore::map;
    /** Whether the calling service account (bound as :serviceAccountId, null for other callers) reaches the app. */
    private static final String REACHED = reached(":serviceAccountId");
    private static final String BY_ID = "SELECT " + COLUMNS + " FROM apps a WHERE a.id = ?";
    private static final String BY_ID_WITH_GRANT =
            "SELECT " + COLUMNS + ", " + reached("?") + " FROM apps a WHERE a.id = ?";
    /** The columns of apps_by_account, the index that serves the list, as CursorPages names them. */
    private static final String LIST_ID = "a.id";
    private static final String LIST_FIXED_COLUMNS = "a.account_id";

    private static String reached(String serviceAccountParameter) {
        return "EXISTS (SELECT 1 FROM service_account_apps g WHERE g.app_id = a.id AND g.service_account_id = "
                + serviceAccountParameter + ") AS reached";
    }

    public void insert(Handle handle, App app) {
        bindApp(handle.createUpdate("INSERT INTO apps (" + INSERTED + ") "
                + "VALUES (:id, :accountId, :displayName, :appToken, :settings, :metadata)"), app).execute();
    }

    private static Update bindApp(Update statement, App app) {
        return statement.bind("id", app.id())
                .bind("accountId", app.accountId())
                .bind("displayName", app.displayName())
                .bind("appToken", app.appToken())
                .bind("settings", StoredSettings.write(app.settings()))
                .bind("metadata", app.metadata());
    }

    /**
     * PostgreSQL only: takes a slot of the account's plan, inserts the app, grants it to the creating service account
     * (when {@code grantee} is one) and writes the audit row, in one statement, so that it commits in the round trip
     * that runs it and holds the account's counter row for that statement alone.
     *
     * @return false, with nothing written, when the account has no free slot (or no longer exists)
     */
    public boolean insertWithinPlan(Handle handle, App app, String grantee, AuditLog.Entry audit) {
        Update insert = handle.createUpdate(StatementChain
                .with("slot", AccountStore.reserveAppSlotReturningId("accountId"))
                .then("app", "INSERT INTO apps (" + INSERTED + ") "
                        + "SELECT :id, slot.id, :displayName, :appToken, :settings, :metadata FROM slot RETURNING id")
                .then("granted", "INSERT INTO service_account_apps (service_account_id, app_id) "
                        + "SELECT :grantee, app.id FROM app WHERE CAST(:grantee AS VARCHAR) IS NOT NULL")
                .finish("INSERT INTO audit_events (" + AuditLog.COLUMNS + ") "
                        + "SELECT " + AuditLog.boundValues("app.id") + " FROM app"));
        bindApp(insert, app).bind("grantee", grantee);
        return AuditLog.bind(insert, audit).execute() == 1;
    }

    /**
     * The app as the access policy sees it, or null when no app has that id.
     *
     * @param reachingServiceAccountId the service account whose reach of the app the policy asks about, or null
     */
    public AppTarget target(Handle handle, String appId, String reachingServiceAccountId) {
        if (!IdGenerator.isId(appId)) {
            return null;
        }
        return handle.createQuery("SELECT a.id, a.account_id, " + REACHED + " FROM apps a WHERE a.id = :id")
                .bind("id", appId)
                .bind("serviceAccountId", reachingServiceAccountId)
                .map((rs, ctx) -> new AppTarget(rs.getString("id"), rs.getString("account_id"), rs.getBoolean("reached")))
                .findOne()
                .orElse(null);
    }

    /** An app with what the access policy needs to know of it for one caller. */
    public record Seen(App app, AppTarget target) {
        static Seen of(App app, boolean reachedByCaller) {
            return new Seen(app, new AppTarget(app.id(), app.accountId(), reachedByCaller));
        }
    }

    /** The app with that id. On a bare connection: reading one app is the API's hottest path. */
    public Optional<App> find(Connection connection, String appId) throws SQLException {
        if (!IdGenerator.isId(appId)) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement(BY_ID)) {
            statement.setString(1, appId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(map(rs, null)) : Optional.empty();
            }
        }
    }

    /** The app and whether the service account reaches it, in one query; empty when no app has that id. */
    public Optional<Seen> findAsSeenBy(Connection connection, String appId, String serviceAccountId)
            throws SQLException {
        if (!IdGenerator.isId(appId)) {
            return Optional.empty();
        }
        try (PreparedStatement statement = connection.prepareStatement(BY_ID_WITH_GRANT)) {
            statement.setString(1, serviceAccountId);
            statement.setString(2, appId);
            try (ResultSet rs = statement.executeQuery()) {
                return rs.next() ? Optional.of(Seen.of(map(rs, null), rs.getBoolean("reached"))) : Optional.empty();
            }
        }
    }

    /** The app and its access target, locking the row until the transaction ends so concurrent updates apply in turn. */
    public Optional<Seen> findForUpdateAsSeenBy(Handle handle, String appId, String reachingServiceAccountId) {
        if (!IdGenerator.isId(appId)) {
            return Optional.empty();
        }
        return handle.createQuery("SELECT " + COLUMNS + ", " + REACHED + " FROM apps a WHERE a.id = :id FOR UPDATE")
                .bind("id", appId)
                .bind("serviceAccountId", reachingServiceAccountId)
                .map((rs, ctx) -> Seen.of(MAPPER.map(rs, ctx), rs.getBoolean("reached")))
                .findOne();
    }

    /** The account's apps, or only those a service account reaches when {@code serviceAccountId} is given. */
    public Page<App> list(Handle handle, String accountId, String serviceAccountId, PageRequest request) {
        return CursorPages.fetch(handle, listSelect(serviceAccountId), LIST_ID, LIST_FIXED_COLUMNS,
                listBindings(accountId, serviceAccountId), MAPPER, request);
    }

    /** The page query {@link #list} runs; it binds :accountId, :serviceAccountId when given, and :cursor. */
    static String listPageSql(String serviceAccountId, PageRequest request) {
        return CursorPages.pageSql(listSelect(serviceAccountId), LIST_ID, LIST_FIXED_COLUMNS, request);
    }

    /** The same list as {@link #list}, by limit and offset. */
    public OffsetPage<App> listByOffset(Handle handle, String accountId, String serviceAccountId,
                                        OffsetPageRequest request) {
        return OffsetPages.fetch(handle, listSelect(serviceAccountId), LIST_ID, LIST_FIXED_COLUMNS,
                listBindings(accountId, serviceAccountId), MAPPER, request);
    }

    private static String listSelect(String serviceAccountId) {
        String select = "SELECT " + COLUMNS + " FROM apps a WHERE a.account_id = :accountId";
        if (serviceAccountId != null) {
            select += " AND a.id IN (SELECT g.app_id FROM service_account_apps g "
                    + "WHERE g.service_account_id = :serviceAccountId)";
        }
        return select;
    }

    private static Map<String, Object> listBindings(String accountId, String serviceAccountId) {
        Map<String, Object> bindings = new HashMap<>();
        bindings.put("accountId", accountId);
        if (serviceAccountId != null) {
            bindings.put("serviceAccountId", serviceAccountId);
        }
        return bindings;
    }

    public void update(Handle handle, App app) {
        handle.createUpdate("UPDATE apps SET display_name = :displayName, settings = :settings, metadata = :metadata "
                        + "WHERE id = :id")
                .bind("id", app.id())
                .bind("displayName", app.displayName())
                .bind("settings", StoredSettings.write(app.settings()))
                .bind("metadata", app.metadata())
                .execute();
    }

    /** Deletes the app and records it for the purge, which reclaims its data in the background. */
    public boolean delete(Handle handle, String appId) {
        if (handle.createUpdate("DELETE FROM apps WHERE id = :id").bind("id", appId).execute() != 1) {
            return false;
        }
        DeletedApps.recordApp(handle, appId);
        return true;
    }

    /**
     * The apps whose conversations lose their messages after a time without activity, with that time (their
     * {@code conversationRetentionSeconds}, when above 0).
     */
    public Map<String, Duration> conversationRetention(Handle handle) {
        Map<String, Duration> periods = new LinkedHashMap<>();
        handle.createQuery("SELECT id, settings FROM apps WHERE settings LIKE '%\"conversationRetentionSeconds\"%'")
                .map((rs, ctx) -> Map.entry(rs.getString("id"),
                        StoredSettings.read(rs.getString("settings")).conversationRetentionSeconds()))
                .forEach(app -> {
                    if (app.getValue() != null && app.getValue() > 0) {
                        periods.put(app.getKey(), Duration.ofSeconds(app.getValue()));
                    }
                });
        return periods;
    }

    private static App map(ResultSet rs, StatementContext ctx) throws SQLException {
        return new App(rs.getString("id"), rs.getString("account_id"), rs.getString("display_name"),
                rs.getString("app_token"), StoredSettings.read(rs.getString("settings")), rs.getString("metadata"));
    }
}
