package dev.parley.apps;

import org.jdbi.v3.core.Handle;

/** The service_account_apps table: which apps each service account reaches (created or was granted). */
public final class GrantStore {

    /** Grants access; granting twice is not an error. */
    public void grant(Handle handle, String serviceAccountId, String appId) {
        handle.createUpdate("INSERT INTO service_account_apps (service_account_id, app_id) "
                        + "VALUES (:serviceAccountId, :appId) ON CONFLICT DO NOTHING")
                .bind("serviceAccountId", serviceAccountId)
                .bind("appId", appId)
                .execute();
    }

    public boolean revoke(Handle handle, String serviceAccountId, String appId) {
        return handle.createUpdate("DELETE FROM service_account_apps "
                        + "WHERE service_account_id = :serviceAccountId AND app_id = :appId")
                .bind("serviceAccountId", serviceAccountId)
                .bind("appId", appId)
                .execute() == 1;
    }
}
