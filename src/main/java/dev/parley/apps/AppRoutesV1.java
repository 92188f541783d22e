package dev.parley.apps;

import dev.parley.http.QueryParameters;
import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.keys.KeyRoutes;
import dev.parley.api.OffsetPageRequest;
import dev.parley.http.OffsetPageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The v1.1 shapes of /v1.1/apps and their keys, over the same services and data as v2. */
public final class AppRoutesV1 implements RouteGroup {
    private static final String ONE = "/v1.1/apps/{appId}";

    private final AppService apps;
    private final AppAccess access;
    private final KeyRoutes keys;
    private final ApiAuthentication auth;

    public AppRoutesV1(AppService apps, AppAccess access, KeyRoutes keys, ApiAuthentication auth) {
        this.apps = apps;
        this.access = access;
        this.keys = keys;
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

        keys.mount(routes, ONE, "appId", caller -> new AppKeys(access, caller));
    }
}
