package dev.parley.webhooks;

import dev.parley.api.ApiException;
import dev.parley.api.PageRequest;
import dev.parley.auth.ApiAuthentication;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;
import java.util.Optional;

/**
 * Parley's own routes beyond upstream: a webhook's delivery log
 * ({@code GET …/webhooks/{webhookId}/deliveries}, cursor pages, {@code filter[status]}) and
 * {@code POST …/deliveries/{deliveryId}/retry}, which sends a delivery again now, and {@code POST …/test}, which sends
 * the webhook a test event.
 */
public final class DeliveryRoutes implements RouteGroup {
    private static final String WEBHOOK = "/v2/apps/{appId}/integrations/{integrationId}/webhooks/{webhookId}";
    private static final String DELIVERIES = WEBHOOK + "/deliveries";
    private static final String FILTER = "filter[status]";

    private final DeliveryLog log;
    private final ApiAuthentication auth;

    public DeliveryRoutes(DeliveryLog log, ApiAuthentication auth) {
        this.log = log;
        this.auth = auth;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(DELIVERIES, auth.require((ctx, caller) -> {
            PageRequest page = QueryParameters.page(ctx);
            String statusText = QueryParameters.single(ctx, FILTER);
            Optional<DeliveryStatus> status = Optional.ofNullable(statusText).map(text -> DeliveryStatus.of(text)
                    .orElseThrow(() -> ApiException.badRequest(FILTER + " must be pending, delivered or failed")));
            ctx.json(PageResponse.of(ctx, "deliveries", log.list(caller, webhook(ctx), status, page), page,
                    Delivery::id, status.map(s -> Map.of(FILTER, s.value())).orElse(Map.of())));
        }));
        routes.post(DELIVERIES + "/{deliveryId}/retry", auth.require((ctx, caller) -> ctx.json(Map.of("delivery",
                log.retry(caller, webhook(ctx), ctx.pathParam("deliveryId"))))));
        routes.post(WEBHOOK + "/test", auth.require((ctx, caller) -> ctx.status(201).json(Map.of("delivery",
                log.sendTest(caller, webhook(ctx))))));
    }

    private static DeliveryLog.WebhookPath webhook(Context ctx) {
        return new DeliveryLog.WebhookPath(ctx.pathParam("appId"), ctx.pathParam("integrationId"),
                ctx.pathParam("webhookId"));
    }
}
