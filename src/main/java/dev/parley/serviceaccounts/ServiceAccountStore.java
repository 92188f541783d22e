package dev.parley.serviceaccounts;

import dev.parley.apps.ServiceAccountDirectory;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import dev.parley.store.CursorPages;
import dev.parley.store.LimitedCounter;
import dev.parley.store.OffsetPages;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The service_accounts table. */
public final class ServiceAccountStore implements ServiceAccountDirectory {
    public static final int MAX_KEYS_PER_SERVICE_ACCOUNT = 10;
    /** Holds each service account to its most keys. */
    public static final LimitedCounter KEY_SLOTS =
            new LimitedCounter("service_accounts", "key_count", String.valueOf(MAX_KEYS_PER_SERVICE_ACCOUNT));
    private static final String COLUMNS = "id, account_id, display_name";
    private static final RowMapper<ServiceAccount> MAPPER = (rs, ctx) ->
            new ServiceAccount(rs.getString("id"), rs.getString("account_id"), rs.getString("display_name"));

    public void insert(Handle handle, ServiceAccount serviceAccount) {
        handle.createUpdate("INSERT INTO service_accounts (id, account_id, display_name) "
                        + "VALUES (:id, :accountId, :displayName)")
                .bind("id", serviceAccount.id())
                .bind("accountId", serviceAccount.accountId())
                .bind("displayName", serviceAccount.displayName())
                .execute();
    }

    public Optional<ServiceAccount> find(Handle handle, String id) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM service_accounts WHERE id = :id")
                .bind("id", id)
                .map(MAPPER)
                .findOne();
    }

    public Page<ServiceAccount> list(Handle handle, String accountId, PageRequest request) {
        return CursorPages.fetch(handle, "SELECT " + COLUMNS + " FROM service_accounts WHERE account_id = :accountId",
                "id", "account_id", Map.of("accountId", accountId), MAPPER, request);
    }

    /** The account's service accounts that reach the app: those that created it or were granted it. */
    public Page<ServiceAccount> listReaching(Handle handle, String accountId, String appId, PageRequest request) {
        return CursorPages.fetch(handle, "SELECT " + COLUMNS + " FROM service_accounts WHERE account_id = :accountId "
                        + "AND id IN (SELECT service_account_id FROM service_account_apps WHERE app_id = :appId)",
                "id", "account_id", Map.of("accountId", accountId, "appId", appId), MAPPER, request);
    }

    public OffsetPage<ServiceAccount> listByOffset(Handle handle, String accountId, OffsetPageRequest request) {
        return OffsetPages.fetch(handle, "SELECT " + COLUMNS + " FROM service_accounts WHERE account_id = :accountId",
                "id", "account_id", Map.of("accountId", accountId), MAPPER, request);
    }

    public void rename(Handle handle, String id, String displayName) {
        handle.createUpdate("UPDATE service_accounts SET display_name = :displayName WHERE id = :id")
                .bind("id", id)
                .bind("displayName", displayName)
                .execute();
    }

    public boolean delete(Handle handle, String id) {
        return handle.createUpdate("DELETE FROM service_accounts WHERE id = :id").bind("id", id).execute() == 1;
    }

    @Override
    public boolean belongsTo(Handle handle, String serviceAccountId, String accountId) {
        return find(handle, serviceAccountId).filter(found -> found.accountId().equals(accountId)).isPresent();
    }
}
