package dev.parley.apps;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.keys.KeyRoutes;
import dev.parley.api.PageRequest;
import dev.parley.http.PageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** /v2/apps, with the key routes mounted at /v2/apps/{appId}/keys. */
public final class AppRoutes implements RouteGroup {
    private static final String FILTER = "filter[serviceAccountId]";

    private final AppService apps;
    private final AppAccess access;
    private final KeyRoutes keys;
    private final ApiAuthentication auth;

    public AppRoutes(AppService apps, AppAccess access, KeyRoutes keys, ApiAuthentication auth) {
        this.apps = apps;
        this.access = access;
        this.keys = keys;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v2/apps", auth.require((ctx, caller) -> ctx.status(201)
                .json(Map.of("app", apps.create(caller, bodyOf(ctx, AppChanges::forCreate))))));
        routes.get("/v2/apps", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            String serviceAccountId = QueryParameters.single(ctx, FILTER);
            ctx.json(PageResponse.of(ctx, "apps", apps.list(caller, serviceAccountId, page), page, App::id,
                    serviceAccountId == null ? Map.of() : Map.of(FILTER, serviceAccountId)));
        }));
        routes.get("/v2/apps/{appId}", auth.require((ctx, caller) ->
                ctx.json(Map.of("app", apps.get(caller, ctx.pathParam("appId"))))));
        routes.patch("/v2/apps/{appId}", auth.require((ctx, caller) -> ctx.json(Map.of("app",
                apps.update(caller, ctx.pathParam("appId"), bodyOf(ctx, AppChanges::forUpdate))))));
        routes.delete("/v2/apps/{appId}", auth.require((ctx, caller) -> {
            apps.delete(caller, ctx.pathParam("appId"));
            ctx.json(Map.of());
        }));

        keys.mount(routes, "/v2/apps/{appId}", "appId", caller -> new AppKeys(access, caller));
    }
}
