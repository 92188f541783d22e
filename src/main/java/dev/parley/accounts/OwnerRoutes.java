package dev.parley.accounts;

import dev.parley.auth.OperatorAuth;
import dev.parley.http.JsonBody;
import dev.parley.http.RouteGroup;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The operator API for account owners, the people who sign in to the dashboard: /admin/accounts/{id}/owners. */
public final class OwnerRoutes implements RouteGroup {
    private final OwnerService owners;
    private final OperatorAuth operator;

    public OwnerRoutes(OwnerService owners, OperatorAuth operator) {
        this.owners = owners;
        this.operator = operator;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/admin/accounts/{accountId}/owners", guarded(ctx -> {
            NewOwner owner = NewOwner.parse(JsonBody.read(ctx), "owner");
            ctx.status(201).json(Map.of("owner", owners.create(ctx.pathParam("accountId"), owner)));
        }));
        routes.get("/admin/accounts/{accountId}/owners", guarded(ctx ->
                ctx.json(Map.of("owners", owners.list(ctx.pathParam("accountId"))))));
        routes.delete("/admin/accounts/{accountId}/owners/{ownerId}", guarded(ctx -> {
            owners.delete(ctx.pathParam("accountId"), ctx.pathParam("ownerId"));
            ctx.json(Map.of());
        }));
        routes.put("/admin/accounts/{accountId}/owners/{ownerId}/password", guarded(ctx -> {
            NewPassword password = NewPassword.parse(JsonBody.read(ctx));
            ctx.json(Map.of("owner", owners.resetPassword(ctx.pathParam("accountId"), ctx.pathParam("ownerId"),
                    password)));
        }));
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            operator.check(ctx);
            handler.handle(ctx);
        };
    }
}
