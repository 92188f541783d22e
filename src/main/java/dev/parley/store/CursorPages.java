package dev.parley.store;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Keyset pagination over a table whose ids increase with creation time: one index range scan for the page and
 * one index probe for whether records exist on the other side of the cursor, however long the list grows.
 */
public final class CursorPages {
    private static final String BEFORE_EVERY_ID = "";

    private CursorPages() {
    }

    /**
     * @param select  a query ending in a WHERE clause, such as {@code SELECT * FROM apps WHERE account_id = :accountId}
     * @param idColumn the id column, qualified where the query joins tables
     * @param fixedColumns the columns before the id in the index that serves the query, which the WHERE clause
     *                     fixes by equality (such as {@code a.account_id}), or empty. Naming them in the ORDER BY
     *                     changes no order, but lets the embedded database read the page straight off the index
     *                     instead of sorting every matching row (at 200,000 apps, the difference is 20 ms to 1 ms).
     */
    public static <T> Page<T> fetch(Handle handle, String select, String idColumn, String fixedColumns,
                                    Map<String, ?> bindings, RowMapper<T> mapper, PageRequest request) {
        String cursor = request.backwards() ? request.before() : request.after();
        List<T> fetched = handle.createQuery(pageSql(select, idColumn, fixedColumns, request))
                .addCustomizer(CustomPlans.INSTANCE)
                .bindMap(bindings)
                .bind("cursor", cursor == null ? BEFORE_EVERY_ID : cursor)
                .map(mapper)
                .list();
        boolean otherSide = cursor != null && handle.createQuery(
                        "SELECT 1 FROM (" + select + " AND " + idColumn + (request.backwards() ? " >= :cursor" : " <= :cursor")
                                + " LIMIT 1) AS other_side")
                .addCustomizer(CustomPlans.INSTANCE)
                .bindMap(bindings)
                .bind("cursor", cursor)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
        return Page.fromProbe(fetched, request, otherSide);
    }

    /**
     * The page query, binding {@code :cursor}. The first page is read as the page after the empty id, which sorts
     * before every id: the same query shape as the pages after it, so the database picks the same index. Without
     * the id condition the embedded database serves the first page from the foreign key's one-column index and
     * sorts the whole list.
     */
    public static String pageSql(String select, String idColumn, String fixedColumns, PageRequest request) {
        return select
                + " AND " + idColumn + (request.backwards() ? " < :cursor" : " > :cursor")
                + " ORDER BY " + orderBy(fixedColumns, idColumn, request.backwards() ? " DESC" : " ASC")
                + " LIMIT " + (request.size() + 1);
    }

    static String orderBy(String fixedColumns, String idColumn, String direction) {
        StringBuilder order = new StringBuilder();
        if (!fixedColumns.isEmpty()) {
            for (String column : fixedColumns.split(",")) {
                order.append(column.strip()).append(direction).append(", ");
            }
        }
        return order.append(idColumn).append(direction).toString();
    }
}
