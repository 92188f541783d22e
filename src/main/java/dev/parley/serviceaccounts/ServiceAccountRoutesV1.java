package dev.parley.serviceaccounts;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.keys.KeyRoutes;
import dev.parley.http.OffsetPageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The v1.1 shapes of /v1.1/serviceaccounts and their keys, over the same service and data as v2. */
public final class ServiceAccountRoutesV1 implements RouteGroup {
    private static final String ONE = "/v1.1/serviceaccounts/{serviceAccountId}";

    private final ServiceAccountService service;
    private final KeyRoutes keys;
    private final ApiAuthentication auth;

    public ServiceAccountRoutesV1(ServiceAccountService service, KeyRoutes keys, ApiAuthentication auth) {
        this.service = service;
        this.keys = keys;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1.1/serviceaccounts", auth.require((ctx, caller) -> ctx.status(201).json(Map.of(
                "serviceAccount", ServiceAccountViewV1.of(
                        service.create(caller, bodyOf(ctx, ServiceAccountBodies::forCreateV1)))))));
        routes.get("/v1.1/serviceaccounts", auth.require((ctx, caller) -> ctx.json(OffsetPageResponse.of(
                "serviceAccounts",
                service.listByOffset(caller, QueryParameters.offsetPage(ctx)).map(ServiceAccountViewV1::of)))));
        routes.get(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("serviceAccount",
                ServiceAccountViewV1.of(service.get(caller, ctx.pathParam("serviceAccountId")))))));
        routes.put(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("serviceAccount", ServiceAccountViewV1.of(
                service.update(caller, ctx.pathParam("serviceAccountId"),
                        bodyOf(ctx, ServiceAccountBodies::forUpdateV1)))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            service.delete(caller, ctx.pathParam("serviceAccountId"));
            ctx.json(Map.of());
        }));

        keys.mount(routes, ONE, "serviceAccountId", caller -> new ServiceAccountKeys(service, caller));
    }
}
