package dev.parley.purge;

import dev.parley.store.Database;

/**
 * A DELETE of at most {@code :batch} rows matching a condition, in the form each database runs well. PostgreSQL has
 * no DELETE … LIMIT: it deletes the keys a locking subquery picks. H2 runs that subquery again for every row (a
 * batch of 1,000 took seconds, and deleted more than the limit), and has DELETE … FETCH FIRST instead; it serves one
 * server, whose purges run on one thread.
 */
final class BoundedDelete {
    /** What a batch does with rows another transaction holds. */
    enum Locked {
        /** Leaves them to that transaction, another server's batch: for rows anyone may delete. */
        SKIP,
        /** Waits for them: for rows the batch has claimed otherwise, which a batch that skipped might miss. */
        WAIT
    }

    private BoundedDelete() {
    }

    /**
     * @param key   the table's primary key columns, separated by commas
     * @param where the condition on the rows to delete, in SQL with named parameters
     */
    static String sql(Database database, String table, String key, String where, Locked locked) {
        if (database.isPostgres()) {
            return "DELETE FROM " + table + " WHERE (" + key + ") IN (SELECT " + key + " FROM " + table + " WHERE "
                    + where + " LIMIT :batch FOR UPDATE" + (locked == Locked.SKIP ? " SKIP LOCKED)" : ")");
        }
        return "DELETE FROM " + table + " WHERE " + where + " FETCH FIRST :batch ROWS ONLY";
    }
}
