package dev.parley.integrations;

import static dev.parley.http.JsonBody.bodyOf;

import dev.parley.api.ApiException;
import dev.parley.api.PageRequest;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import dev.parley.keys.KeyRoutes;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * /v2/apps/{appId}/integrations: custom integrations, their keys ({@code …/keys}) and their webhooks
 * ({@code …/webhooks}).
 */
public final class IntegrationRoutes implements RouteGroup {
    private static final String INTEGRATIONS = "/v2/apps/{appId}/integrations";
    private static final String ONE = INTEGRATIONS + "/{integrationId}";
    private static final String WEBHOOKS = ONE + "/webhooks";
    private static final String WEBHOOK = WEBHOOKS + "/{webhookId}";
    private static final String TYPES = "filter[types]";

    private final IntegrationService integrations;
    private final WebhookService webhooks;
    private final KeyRoutes keyRoutes;
    private final ApiAuthentication auth;

    public IntegrationRoutes(IntegrationService integrations, WebhookService webhooks, KeyRoutes keyRoutes,
                             ApiAuthentication auth) {
        this.integrations = integrations;
        this.webhooks = webhooks;
        this.keyRoutes = keyRoutes;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post(INTEGRATIONS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("integration",
                integrations.create(caller, ctx.pathParam("appId"), bodyOf(ctx, IntegrationBodies::forCreate))))));
        routes.get(INTEGRATIONS, auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            String types = QueryParameters.single(ctx, TYPES);
            ctx.json(PageResponse.of(ctx, "integrations", integrations.list(caller, ctx.pathParam("appId"),
                    types(types), page), page, Integration::id, types == null ? Map.of() : Map.of(TYPES, types)));
        }));
        routes.get(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("integration",
                integrations.get(caller, ctx.pathParam("appId"), ctx.pathParam("integrationId"))))));
        routes.patch(ONE, auth.require((ctx, caller) -> ctx.json(Map.of("integration", integrations.update(caller,
                ctx.pathParam("appId"), ctx.pathParam("integrationId"), bodyOf(ctx, IntegrationBodies::forUpdate))))));
        routes.delete(ONE, auth.require((ctx, caller) -> {
            integrations.delete(caller, ctx.pathParam("appId"), ctx.pathParam("integrationId"));
            ctx.json(Map.of());
        }));

        keyRoutes.mount(routes, ONE, "integrationId",
                (caller, ctx) -> integrations.keyOwner(caller, ctx.pathParam("appId")));

        routes.post(WEBHOOKS, auth.require((ctx, caller) -> ctx.status(201).json(Map.of("webhook",
                webhooks.create(caller, ctx.pathParam("appId"), ctx.pathParam("integrationId"),
                        bodyOf(ctx, body -> WebhookBodies.forCreate(body, "The webhook")))))));
        routes.get(WEBHOOKS, auth.require((ctx, caller) -> ctx.json(Map.of("webhooks",
                webhooks.list(caller, ctx.pathParam("appId"), ctx.pathParam("integrationId"))))));
        routes.get(WEBHOOK, auth.require((ctx, caller) -> ctx.json(Map.of("webhook", webhooks.get(caller,
                ctx.pathParam("appId"), ctx.pathParam("integrationId"), ctx.pathParam("webhookId"))))));
        routes.patch(WEBHOOK, auth.require((ctx, caller) -> ctx.json(Map.of("webhook", webhooks.update(caller,
                ctx.pathParam("appId"), ctx.pathParam("integrationId"), ctx.pathParam("webhookId"),
                bodyOf(ctx, WebhookBodies::forUpdate))))));
        routes.delete(WEBHOOK, auth.require((ctx, caller) -> {
            webhooks.delete(caller, ctx.pathParam("appId"), ctx.pathParam("integrationId"),
                    ctx.pathParam("webhookId"));
            ctx.json(Map.of());
        }));
    }

    /** {@code filter[types]}: a comma-separated list of type names, such as {@code custom,web}. */
    private static Optional<List<String>> types(String filter) {
        if (filter == null) {
            return Optional.empty();
        }
        if (!filter.matches("[a-zA-Z:]{1,32}(,[a-zA-Z:]{1,32}){0,31}")) {
            throw ApiException.badRequest("Invalid query parameters: " + TYPES
                    + " must be a comma-separated list of integration types, such as custom,web");
        }
        return Optional.of(Arrays.stream(filter.split(",")).distinct().toList());
    }
}
