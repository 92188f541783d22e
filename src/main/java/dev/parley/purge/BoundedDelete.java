package dev.parley.purge;

import dev.parley.store.Database;

/**
 * A DELETE of at most {@code :batch} rows matching a condition, in the form each database runs well. PostgreSQL has
 * no DELETE … LIMIT: it deletes the keys a locking subquery picks, skipping rows another server is deleting. H2 runs
 * that subquery again for every row (a batch of 1,000 took seconds, and deleted more than the limit), and has
 * DELETE … FETCH FIRST instead; it serves one server, whose purges run on one thread.
 */
final class BoundedDelete {
    private BoundedDelete() {
    }

    /**
     * @param key   the table's primary key columns, separated by commas
     * @param where the condition on the rows to delete, in SQL with named parameters
     */
    static String sql(Database database, String table, String key, String where) {
        if (database.isPostgres()) {
            return "DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table + " WHERE "
                    + where + " LIMIT :batch FOR UPDATE SKIP LOCKED)";
        }
        return "DELETE FROM " + table + " WHERE " + where + " FETCH FIRST :batch ROWS ONLY";
    }
}
