package dev.parley.store;

import org.jdbi.v3.core.Handle;

/**
 * A counter column that holds a row to a limit (an account's apps, an app's keys), taken and given back in the
 * transaction that inserts or deletes what it counts. Taking is one guarded update: the row lock it holds until
 * commit makes concurrent takers wait and then see the new count, so no row ever ends above its limit, on either
 * database; a count read earlier could not promise that.
 *
 * @param limit a column of the same row (NULL meaning no limit) or a constant
 */
public record LimitedCounter(String table, String counter, String limit) {

    /** Takes one unit for the row; false when it is at its limit (or no longer exists). */
    public boolean take(Handle handle, String id) {
        return handle.createUpdate(guardedUpdate("id")).bind("id", id).execute() == 1;
    }

    /** Takes one unit for the row of an app's data, whose key leads with the app's id; false at its limit. */
    public boolean take(Handle handle, String appId, String id) {
        return handle.createUpdate(guardedUpdate("appId", "id")).bind("appId", appId).bind("id", id).execute() == 1;
    }

    /**
     * The guarded update that takes one unit for the row whose id is bound as {@code :idParameter}, for a statement
     * that takes it together with the insert it counts (PostgreSQL's data-modifying WITH); it returns the row's id
     * when the unit was taken.
     */
    public String takeReturningId(String idParameter) {
        return guardedUpdate(idParameter) + " RETURNING id";
    }

    private String guardedUpdate(String idParameter) {
        return "UPDATE " + table + " SET " + counter + " = " + counter + " + 1 WHERE id = :" + idParameter + " AND ("
                + limit + " IS NULL OR " + counter + " < " + limit + ")";
    }

    private String guardedUpdate(String appIdParameter, String idParameter) {
        return guardedUpdate(idParameter) + " AND app_id = :" + appIdParameter;
    }

    /** Gives one unit back to the row of an app's data, when what it counted was deleted. */
    public void release(Handle handle, String appId, String id) {
        handle.createUpdate("UPDATE " + table + " SET " + counter + " = " + counter + " - 1 WHERE app_id = :appId "
                        + "AND id = :id AND " + counter + " > 0")
                .bind("appId", appId)
                .bind("id", id)
                .execute();
    }

    /** Gives one unit back, when what it counted was deleted. */
    public void release(Handle handle, String id) {
        handle.createUpdate("UPDATE " + table + " SET " + counter + " = " + counter + " - 1 WHERE id = :id AND "
                        + counter + " > 0")
                .bind("id", id)
                .execute();
    }
}
