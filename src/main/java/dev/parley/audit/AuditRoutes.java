package dev.parley.audit;

import dev.parley.http.QueryParameters;
import dev.parley.crypto.IdGenerator;
import dev.parley.api.ApiException;
import dev.parley.api.PageRequest;
import dev.parley.http.PageResponse;
import dev.parley.http.RouteGroup;
import dev.parley.store.Database;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** GET /admin/audit: the audit log for the operator (guarded by {@code OperatorAuth}), paginated, optionally for one account. */
public final class AuditRoutes implements RouteGroup {
    private static final String FILTER = "filter[accountId]";

    private final Database database;
    private final AuditLog audit;

    public AuditRoutes(Database database, AuditLog audit) {
        this.database = database;
        this.audit = audit;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/admin/audit", ctx -> {
            PageRequest page = QueryParameters.page(ctx);
            String accountId = QueryParameters.single(ctx, FILTER);
            if (accountId != null && !IdGenerator.isId(accountId)) {
                throw ApiException.badRequest(FILTER + " must be an account id of 24 lowercase hex characters");
            }
            ctx.json(PageResponse.of(ctx, "events", database.withoutTransaction(handle -> audit.list(handle, accountId, page)),
                    page, AuditEvent::id, accountId == null ? Map.of() : Map.of(FILTER, accountId)));
        });
    }
}
