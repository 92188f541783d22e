package dev.parley.serviceaccounts;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.auth.JwtIssuer;
import dev.parley.auth.KeyViewV1;
import dev.parley.http.KeyBodies;
import dev.parley.http.OffsetPageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The v1.1 shapes of /v1.1/serviceaccounts and their keys, over the same service and data as v2. */
public final class ServiceAccountRoutesV1 implements RouteGroup {
    private static final String ONE = "/v1.1/serviceaccounts/{serviceAccountId}";

    private final ServiceAccountService service;
    private final JwtIssuer jwts;
    private final ApiAuthentication auth;

    public ServiceAccountRoutesV1(ServiceAccountService service, JwtIssuer jwts, ApiAuthentication auth) {
        this.service = service;
        this.jwts = jwts;
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

        routes.post(ONE + "/keys", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("key", KeyViewV1.of(
                service.createKey(caller, ctx.pathParam("serviceAccountId"), bodyOf(ctx, KeyBodies::nameV1)))))));
        routes.get(ONE + "/keys", auth.require((ctx, caller) -> ctx.json(Map.of("keys",
                service.listKeys(caller, ctx.pathParam("serviceAccountId")).stream().map(KeyViewV1::of).toList()))));
        routes.get(ONE + "/keys/{keyId}", auth.require((ctx, caller) -> ctx.json(Map.of("key", KeyViewV1.of(
                service.getKey(caller, ctx.pathParam("serviceAccountId"), ctx.pathParam("keyId")))))));
        routes.delete(ONE + "/keys/{keyId}", auth.require((ctx, caller) -> {
            service.deleteKey(caller, ctx.pathParam("serviceAccountId"), ctx.pathParam("keyId"));
            ctx.json(Map.of());
        }));
        routes.get(ONE + "/keys/{keyId}/jwt", auth.require((ctx, caller) -> ctx.json(Map.of("jwt",
                jwts.sign(service.getKey(caller, ctx.pathParam("serviceAccountId"), ctx.pathParam("keyId")))))));
    }
}
