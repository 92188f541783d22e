package dev.parley.accounts;

import dev.parley.http.Page;
import dev.parley.http.PageRequest;
import dev.parley.store.CursorPages;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The accounts table, and the guarded counter that holds every account to its plan's app limit. */
public final class AccountStore {
    private static final String COLUMNS = "id, display_name, max_apps, app_count";
    private static final RowMapper<Account> MAPPER = (rs, ctx) -> new Account(rs.getString("id"),
            rs.getString("display_name"), (Integer) rs.getObject("max_apps", Integer.class), rs.getInt("app_count"));

    public void insert(Handle handle, Account account) {
        handle.createUpdate("INSERT INTO accounts (id, display_name, max_apps) VALUES (:id, :displayName, :maxApps)")
                .bind("id", account.id())
                .bind("displayName", account.displayName())
                .bind("maxApps", account.maxApps())
                .execute();
    }

    public Optional<Account> find(Handle handle, String accountId) {
        return handle.createQuery("SELECT " + COLUMNS + " FROM accounts WHERE id = :id")
                .bind("id", accountId)
                .map(MAPPER)
                .findOne();
    }

    public Page<Account> list(Handle handle, PageRequest request) {
        return CursorPages.fetch(handle, "SELECT " + COLUMNS + " FROM accounts WHERE 1 = 1", "id", Map.of(),
                MAPPER, request);
    }

    public void update(Handle handle, String accountId, String displayName, Integer maxApps) {
        handle.createUpdate("UPDATE accounts SET display_name = :displayName, max_apps = :maxApps WHERE id = :id")
                .bind("id", accountId)
                .bind("displayName", displayName)
                .bind("maxApps", maxApps)
                .execute();
    }

    public boolean delete(Handle handle, String accountId) {
        return handle.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", accountId).execute() == 1;
    }

    /**
     * Takes one of the account's app slots in the caller's transaction; false when the plan is full (or the account
     * no longer exists). The row lock this update takes serialises concurrent creations, so no account ever ends
     * above its limit.
     */
    public boolean reserveAppSlot(Handle handle, String accountId) {
        return handle.createUpdate("UPDATE accounts SET app_count = app_count + 1 "
                        + "WHERE id = :id AND (max_apps IS NULL OR app_count < max_apps)")
                .bind("id", accountId)
                .execute() == 1;
    }

    public void releaseAppSlot(Handle handle, String accountId) {
        handle.createUpdate("UPDATE accounts SET app_count = app_count - 1 WHERE id = :id AND app_count > 0")
                .bind("id", accountId)
                .execute();
    }
}
