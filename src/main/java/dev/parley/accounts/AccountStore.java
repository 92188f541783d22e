package dev.parley.accounts;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.CursorPages;
import dev.parley.store.DeletedApps;
import dev.parley.store.LimitedCounter;
import java.util.Map;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** The accounts table, and the guarded counter that holds every account to its plan's app limit. */
public final class AccountStore {
    private static final String COLUMNS = "id, display_name, max_apps, app_count";
    private static final LimitedCounter APPS = new LimitedCounter("accounts", "app_count", "max_apps");
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
        return CursorPages.fetch(handle, "SELECT " + COLUMNS + " FROM accounts WHERE 1 = 1", "id", "", Map.of(),
                MAPPER, request);
    }

    public void update(Handle handle, String accountId, String displayName, Integer maxApps) {
        handle.createUpdate("UPDATE accounts SET display_name = :displayName, max_apps = :maxApps WHERE id = :id")
                .bind("id", accountId)
                .bind("displayName", displayName)
                .bind("maxApps", maxApps)
                .execute();
    }

    /**
     * Deletes the account, which cascades to its apps: they are recorded for the purge first, under the account's
     * lock, which an app's creation also takes (its plan slot), so no app created meanwhile goes unrecorded.
     */
    public boolean delete(Handle handle, String accountId) {
        handle.createQuery("SELECT id FROM accounts WHERE id = :id FOR UPDATE").bind("id", accountId)
                .mapTo(String.class).findOne();
        DeletedApps.recordAppsOfAccount(handle, accountId);
        return handle.createUpdate("DELETE FROM accounts WHERE id = :id").bind("id", accountId).execute() == 1;
    }

    /** Takes one of the account's app slots in the caller's transaction; false when the plan is full. */
    public boolean reserveAppSlot(Handle handle, String accountId) {
        return APPS.take(handle, accountId);
    }

    /** {@link #reserveAppSlot} as a statement for a data-modifying WITH: returns the account's id when a slot was free. */
    public static String reserveAppSlotReturningId(String accountIdParameter) {
        return APPS.takeReturningId(accountIdParameter);
    }

    public void releaseAppSlot(Handle handle, String accountId) {
        APPS.release(handle, accountId);
    }
}
