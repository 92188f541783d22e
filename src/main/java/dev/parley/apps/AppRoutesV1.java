package dev.parley.apps;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.auth.JwtIssuer;
import dev.parley.auth.KeyViewV1;
import dev.parley.http.KeyBodies;
import dev.parley.api.OffsetPageRequest;
import dev.parley.http.OffsetPageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The v1.1 shapes of /v1.1/apps and their keys, over the same services and data as v2. */
public final class AppRoutesV1 implements RouteGroup {
    private static final String ONE = "/v1.1/apps/{appId}";

    private final AppService apps;
    private final AppKeyService keys;
    private final JwtIssuer jwts;
    private final ApiAuthentication auth;

    public AppRoutesV1(AppService apps, AppKeyService keys, JwtIssuer jwts, ApiAuthentication auth) {
        this.apps = apps;
        this.keys = keys;
        this.jwts = jwts;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/v1.1/apps", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("app",
                AppViewV1.of(apps.create(caller, bodyOf(ctx, AppChanges::forCreateV1)))))));
        routes.get("/v1.1/apps", auth.require((ctx, caller) -> {
            OffsetPageRequest page = QueryParameters.offsetPage(ctx);
            String serviceAccountId = QueryParameters.single(ctx, "serviceAccountId");
            ctx.json(OffsetPageResponse.of("apps",
                    apps.listByOffset(caller, serviceAccountId, page).map(AppViewV1::of)));
        }));
        routes.get(ONE, auth.require((ctx, caller) ->
                ctx.json(Map.of("app", AppViewV1.of(apps.get(caller, ctx.pathParam("appId")))))));
        routes.put(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("app", AppViewV1.of(
                apps.update(caller, ctx.pathParam("appId"), bodyOf(ctx, AppChanges::forUpdateV1)))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            apps.delete(caller, ctx.pathParam("appId"));
            ctx.json(Map.of());
        }));

        routes.post(ONE + "/keys", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("key", KeyViewV1.of(
                keys.create(caller, ctx.pathParam("appId"), bodyOf(ctx, KeyBodies::nameV1)))))));
        routes.get(ONE + "/keys", auth.require((ctx, caller) -> ctx.json(Map.of("keys",
                keys.list(caller, ctx.pathParam("appId")).stream().map(KeyViewV1::of).toList()))));
        routes.get(ONE + "/keys/{keyId}", auth.require((ctx, caller) -> ctx.json(Map.of("key",
                KeyViewV1.of(keys.get(caller, ctx.pathParam("appId"), ctx.pathParam("keyId")))))));
        routes.delete(ONE + "/keys/{keyId}", auth.require((ctx, caller) -> {
            keys.delete(caller, ctx.pathParam("appId"), ctx.pathParam("keyId"));
            ctx.json(Map.of());
        }));
        routes.get(ONE + "/keys/{keyId}/jwt", auth.require((ctx, caller) -> ctx.json(Map.of("jwt",
                jwts.sign(keys.get(caller, ctx.pathParam("appId"), ctx.pathParam("keyId")))))));
    }
}
