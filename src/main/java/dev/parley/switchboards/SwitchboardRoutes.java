package dev.parley.switchboards;

import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.auth.ApiAuthentication;
import dev.parley.auth.Principal;
import dev.parley.http.JsonBody;
import dev.parley.http.RouteGroup;
import dev.parley.switchboards.ControlBodies.ControlRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.function.Function;
import java.util.function.Supplier;

/**
 * /v2/apps/{appId}/switchboards with their switchboard integrations, and the switchboard actions under
 * /v2/apps/{appId}/conversations/{conversationId}.
 */
public final class SwitchboardRoutes implements RouteGroup {
    private static final String SWITCHBOARDS = "/v2/apps/{appId}/switchboards";
    private static final String ONE = SWITCHBOARDS + "/{switchboardId}";
    private static final String INTEGRATIONS = ONE + "/switchboardIntegrations";
    private static final String INTEGRATION = INTEGRATIONS + "/{switchboardIntegrationId}";
    private static final String CONVERSATION = "/v2/apps/{appId}/conversations/{conversationId}";

    private final SwitchboardService switchboards;
    private final ControlActions actions;
    private final ApiAuthentication auth;

    public SwitchboardRoutes(SwitchboardService switchboards, ControlActions actions, ApiAuthentication auth) {
        this.switchboards = switchboards;
        this.actions = actions;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(SWITCHBOARDS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("switchboard",
                switchboards.create(caller, ctx.pathParam("appId"))))));
        routes.get(SWITCHBOARDS, auth.require((ctx, caller) -> ctx.json(Map.of("switchboards",
                switchboards.list(caller, ctx.pathParam("appId"))))));
        routes.patch(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("switchboard", switchboards.update(caller,
                ctx.pathParam("appId"), ctx.pathParam("switchboardId"),
                bodyOf(ctx, SwitchboardBodies::forSwitchboardUpdate))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            switchboards.delete(caller, ctx.pathParam("appId"), ctx.pathParam("switchboardId"));
            ctx.json(Map.of());
        }));

        routes.post(INTEGRATIONS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("switchboardIntegration",
                switchboards.createIntegration(caller, ctx.pathParam("appId"), ctx.pathParam("switchboardId"),
                        bodyOf(ctx, SwitchboardBodies::forIntegrationCreate))))));
        routes.get(INTEGRATIONS, auth.require((ctx, caller) -> ctx.json(Map.of("switchboardIntegrations",
                switchboards.listIntegrations(caller, ctx.pathParam("appId"), ctx.pathParam("switchboardId"))))));
        routes.patch(INTEGRATION, auth.require((ctx, caller) -> ctx.json(Map.of("switchboardIntegration",
                switchboards.updateIntegration(caller, ctx.pathParam("appId"), ctx.pathParam("switchboardId"),
                        ctx.pathParam("switchboardIntegrationId"),
                        bodyOf(ctx, SwitchboardBodies::forIntegrationUpdate))))));
        routes.delete(INTEGRATION, auth.require((ctx, caller) -> {
            switchboards.deleteIntegration(caller, ctx.pathParam("appId"), ctx.pathParam("switchboardId"),
                    ctx.pathParam("switchboardIntegrationId"));
            ctx.json(Map.of());
        }));

        control(routes, "passControl", actions::pass, ctx -> bodyOf(ctx, ControlBodies::targeted));
        control(routes, "offerControl", actions::offer, ctx -> bodyOf(ctx, ControlBodies::targeted));
        control(routes, "acceptControl", actions::accept, SwitchboardRoutes::optionalBody);
        control(routes, "releaseControl", actions::release, SwitchboardRoutes::optionalBody);
    }

    /** One of {@link ControlActions}' actions. */
    private interface ControlAction {
        void apply(Principal caller, String appId, String conversationId, Supplier<ControlRequest> body);
    }

    /** POST …/conversations/{conversationId}/{name}, answering {}. */
    private void control(JavalinDefaultRoutingApi routes, String name, ControlAction action,
                         Function<Context, Supplier<ControlRequest>> body) {
        routes.post(CONVERSATION + "/" + name, auth.require((ctx, caller) -> {
            action.apply(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"), body.apply(ctx));
            ctx.json(Map.of());
        }));
    }

    /** A body the published clients may leave out (releaseControl's in the JavaScript client): no metadata. */
    private static Supplier<ControlRequest> optionalBody(Context ctx) {
        if (JsonBody.raw(ctx).length == 0) {
            return () -> ControlBodies.untargeted(ControlBodies.none());
        }
        return bodyOf(ctx, ControlBodies::untargeted);
    }
}
