package dev.parley.store;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * Every row a query selects, read in pages of ascending ids: a table of any size passes through constant memory on
 * both databases, each page one range scan of the index. Run inside one snapshot ({@link Database#inSnapshot}), the
 * pages together are one consistent reading.
 */
public final class KeysetScan {
    static final int PAGE_SIZE = 500;

    private KeysetScan() {
    }

    /**
     * @param select       a query ending in a WHERE clause
     * @param idColumn     the id column, qualified where the query joins tables
     * @param fixedColumns the index columns before the id that the WHERE clause fixes (see {@link CursorPages})
     */
    public static <T> void forEach(Handle handle, String select, String idColumn, String fixedColumns,
                                   Map<String, ?> bindings, RowMapper<T> mapper, Function<T, String> idOf,
                                   Consumer<T> each) {
        String sql = select + " AND " + idColumn + " > :cursor ORDER BY "
                + CursorPages.orderBy(fixedColumns, idColumn, " ASC") + " LIMIT " + PAGE_SIZE;
        String cursor = "";
        while (true) {
            List<T> page = handle.createQuery(sql)
                    .addCustomizer(CustomPlans.INSTANCE)
                    .bindMap(bindings)
                    .bind("cursor", cursor)
                    .map(mapper)
                    .list();
            page.forEach(each);
            if (page.size() < PAGE_SIZE) {
                return;
            }
            cursor = idOf.apply(page.get(page.size() - 1));
        }
    }
}
