package dev.parley.users;

import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.api.PageRequest;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.JsonBody;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** /v2/apps/{appId}/users, their clients and devices. */
public final class UserRoutes implements RouteGroup {
    private static final String USERS = "/v2/apps/{appId}/users";
    private static final String ONE = USERS + "/{userIdOrExternalId}";
    private static final String USER = "userIdOrExternalId";

    private final UserService service;
    private final ApiAuthentication auth;

    public UserRoutes(UserService service, ApiAuthentication auth) {
        this.service = service;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(USERS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("user",
                service.create(caller, ctx.pathParam("appId"), bodyOf(ctx, UserBodies::forCreate))))));
        routes.get(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("user",
                service.get(caller, ctx.pathParam("appId"), ctx.pathParam(USER))))));
        routes.patch(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("user", service.update(caller,
                ctx.pathParam("appId"), ctx.pathParam(USER), bodyOf(ctx, UserBodies::forUpdate))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            service.delete(caller, ctx.pathParam("appId"), ctx.pathParam(USER));
            ctx.json(Map.of());
        }));
        routes.delete(ONE + "/personalinformation", auth.require((ctx, caller) -> ctx.json(Map.of("user",
                service.deletePersonalInformation(caller, ctx.pathParam("appId"), ctx.pathParam(USER))))));

        routes.post(ONE + "/clients", auth.require((ctx, caller) -> {
            JsonBody.read(ctx);
            service.linkClient(caller, ctx.pathParam("appId"), ctx.pathParam(USER));
        }));
        routes.get(ONE + "/clients", auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "clients", service.listClients(caller, ctx.pathParam("appId"),
                    ctx.pathParam(USER), page), page, Client::id, Map.of()));
        }));
        routes.delete(ONE + "/clients/{clientId}", auth.require((ctx, caller) -> {
            service.removeClient(caller, ctx.pathParam("appId"), ctx.pathParam(USER), ctx.pathParam("clientId"));
            ctx.json(Map.of());
        }));
        routes.get(ONE + "/devices", auth.require((ctx, caller) -> ctx.json(Map.of("devices",
                service.listDevices(caller, ctx.pathParam("appId"), ctx.pathParam(USER))))));
        routes.get(ONE + "/devices/{deviceId}", auth.require((ctx, caller) -> ctx.json(Map.of("device",
                service.getDevice(caller, ctx.pathParam("appId"), ctx.pathParam(USER), ctx.pathParam("deviceId"))))));
    }
}
