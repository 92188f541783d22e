package dev.parley.store;

import org.jdbi.v3.core.Handle;

/**
 * Records deleted apps whose data the purge still has to reclaim, in the deleting transaction. App data has no
 * foreign key to apps, so a deletion answers at once however much the app held, and nothing of it is left behind.
 */
public final class DeletedApps {
    private DeletedApps() {
    }

    public static void recordApp(Handle handle, String appId) {
        handle.createUpdate("INSERT INTO deleted_apps (app_id, deleted_at) VALUES (:appId, CURRENT_TIMESTAMP)")
                .bind("appId", appId)
                .execute();
    }

    /** Before the account's deletion cascades to its apps, while they can still be found. */
    public static void recordAppsOfAccount(Handle handle, String accountId) {
        handle.createUpdate("INSERT INTO deleted_apps (app_id, deleted_at) "
                        + "SELECT id, CURRENT_TIMESTAMP FROM apps WHERE account_id = :accountId")
                .bind("accountId", accountId)
                .execute();
    }
}
