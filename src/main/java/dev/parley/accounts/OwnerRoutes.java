package dev.parley.accounts;

import dev.parley.http.JsonBody;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/**
 * The operator API for account owners, the people who sign in to the dashboard: /admin/accounts/{id}/owners
 * (guarded by {@code OperatorAuth}).
 */
public final class OwnerRoutes implements RouteGroup {
    private final OwnerService owners;

    public OwnerRoutes(OwnerService owners) {
        this.owners = owners;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/admin/accounts/{accountId}/owners", ctx -> {
            NewOwner owner = NewOwner.parse(JsonBody.read(ctx), "owner");
            ctx.status(201).json(Map.of("owner", owners.create(OperatorRoutes.operator(ctx), ctx.pathParam("accountId"),
                    owner)));
        });
        routes.get("/admin/accounts/{accountId}/owners", ctx ->
                ctx.json(Map.of("owners", owners.list(ctx.pathParam("accountId")))));
        routes.delete("/admin/accounts/{accountId}/owners/{ownerId}", ctx -> {
            owners.delete(OperatorRoutes.operator(ctx), ctx.pathParam("accountId"), ctx.pathParam("ownerId"));
            ctx.json(Map.of());
        });
        routes.put("/admin/accounts/{accountId}/owners/{ownerId}/password", ctx -> {
            NewPassword password = NewPassword.parse(JsonBody.read(ctx));
            ctx.json(Map.of("owner", owners.resetPassword(OperatorRoutes.operator(ctx), ctx.pathParam("accountId"),
                    ctx.pathParam("ownerId"), password)));
        });
    }

}
