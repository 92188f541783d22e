package dev.parley.store;

import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/** Limit and offset pagination for the v1.1 API, in the same ascending id order as the cursor lists. */
public final class OffsetPages {
    private OffsetPages() {
    }

    /** @param select a query ending in a WHERE clause, as for {@link CursorPages#fetch} */
    public static <T> OffsetPage<T> fetch(Handle handle, String select, String idColumn, String fixedColumns,
                                          Map<String, ?> bindings, RowMapper<T> mapper, OffsetPageRequest request) {
        List<T> fetched = handle.createQuery(select + " ORDER BY " + CursorPages.orderBy(fixedColumns, idColumn, " ASC")
                        + " LIMIT " + (request.limit() + 1) + " OFFSET " + request.offset())
                .addCustomizer(CustomPlans.INSTANCE)
                .bindMap(bindings)
                .map(mapper)
                .list();
        boolean more = fetched.size() > request.limit();
        return new OffsetPage<>(more ? fetched.subList(0, request.limit()) : fetched, more, request.offset());
    }
}
