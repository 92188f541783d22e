package dev.parley.serviceaccounts;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.apps.App;
import dev.parley.auth.ApiAuthentication;
import dev.parley.keys.KeyRoutes;
import dev.parley.api.PageRequest;
import dev.parley.http.PageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** /v2/serviceaccounts, their keys and their app grants. */
public final class ServiceAccountRoutes implements RouteGroup {
    private static final String ONE = "/v2/serviceaccounts/{serviceAccountId}";

    private final ServiceAccountService service;
    private final KeyRoutes keys;
    private final ApiAuthentication auth;

    public ServiceAccountRoutes(ServiceAccountService service, KeyRoutes keys, ApiAuthentication auth) {
        this.service = service;
        this.keys = keys;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v2/serviceaccounts", auth.require((ctx, caller) -> ctx.status(201).json(Map.of(
                "serviceAccount", service.create(caller, bodyOf(ctx, ServiceAccountBodies::forCreate))))));
        routes.get("/v2/serviceaccounts", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "serviceAccounts", service.list(caller, page), page, ServiceAccount::id,
                    Map.of()));
        }));
        routes.get(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("serviceAccount",
                service.get(caller, ctx.pathParam("serviceAccountId"))))));
        routes.patch(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("serviceAccount", service.update(caller,
                ctx.pathParam("serviceAccountId"), bodyOf(ctx, ServiceAccountBodies::forUpdate))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            service.delete(caller, ctx.pathParam("serviceAccountId"));
            ctx.json(Map.of());
        }));

        keys.mount(routes, ONE, "serviceAccountId", caller -> new ServiceAccountKeys(service, caller));

        routes.get(ONE + "/apps", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "apps", service.listApps(caller, ctx.pathParam("serviceAccountId"), page),
                    page, App::id, Map.of()));
        }));
        routes.put(ONE + "/apps/{appId}", auth.require((ctx, caller) -> {
            service.grant(caller, ctx.pathParam("serviceAccountId"), ctx.pathParam("appId"));
            ctx.json(Map.of());
        }));
        routes.delete(ONE + "/apps/{appId}", auth.require((ctx, caller) -> {
            service.revoke(caller, ctx.pathParam("serviceAccountId"), ctx.pathParam("appId"));
            ctx.json(Map.of());
        }));
    }
}
