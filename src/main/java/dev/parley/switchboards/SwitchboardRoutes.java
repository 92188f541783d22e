package dev.parley.switchboards;

import static dev.parley.http.JsonBody.bodyOf;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.ApiAuthentication;
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

        routes.post(CONVERSATION + "/passControl", auth.require((ctx, caller) -> {
            actions.pass(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    bodyOf(ctx, ControlBodies::targeted));
            ctx.json(Map.of());
        }));
        routes.post(CONVERSATION + "/offerControl", auth.require((ctx, caller) -> {
            actions.offer(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    bodyOf(ctx, ControlBodies::targeted));
            ctx.json(Map.of());
        }));
        routes.post(CONVERSATION + "/acceptControl", auth.require((ctx, caller) -> {
            actions.accept(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    optionalBody(ctx, ControlBodies::untargeted));
            ctx.json(Map.of());
        }));
        routes.post(CONVERSATION + "/releaseControl", auth.require((ctx, caller) -> {
            actions.release(caller, ctx.pathParam("appId"), ctx.pathParam("conversationId"),
                    optionalBody(ctx, ControlBodies::untargeted));
            ctx.json(Map.of());
        }));
    }

    /** A body the published clients may leave out (releaseControl's, and acceptControl's in Java 9.4.6). */
    private static Supplier<ControlRequest> optionalBody(Context ctx, Function<ObjectNode, ControlRequest> read) {
        if (JsonBody.raw(ctx).length == 0) {
            return () -> read.apply(ControlBodies.none());
        }
        return bodyOf(ctx, read);
    }
}
