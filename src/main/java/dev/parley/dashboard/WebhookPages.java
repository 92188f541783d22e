package dev.parley.dashboard;

import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.integrations.Integration;
import dev.parley.integrations.IntegrationService;
import dev.parley.integrations.Webhook;
import dev.parley.integrations.WebhookBodies;
import dev.parley.integrations.WebhookService;
import dev.parley.webhooks.Delivery;
import dev.parley.webhooks.DeliveryLog;
import dev.parley.webhooks.DeliveryLog.WebhookPath;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A webhook of an integration: its settings (the secret on a page of its own, when asked), its delivery log with
 * Retry now on each delivery, a delivery's event on its own page, and Send test event.
 */
final class WebhookPages {
    static final String PATH = IntegrationPages.PATH + "/{integrationId}/webhooks/{webhookId}";
    /** Beyond every id: without a cursor in the URL the log opens on its newest page. */
    private static final String NEWEST = "f".repeat(24);

    private final WebhookService webhooks;
    private final DeliveryLog deliveries;
    private final IntegrationService integrations;
    private final AppService apps;
    private final Pages pages;

    WebhookPages(WebhookService webhooks, DeliveryLog deliveries, IntegrationService integrations, AppService apps,
                 Pages pages) {
        this.webhooks = webhooks;
        this.deliveries = deliveries;
        this.integrations = integrations;
        this.apps = apps;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::update));
        routes.get(PATH + "/secret", pages.view((ctx, visit) -> pages.render(ctx, visit, "webhook-secret",
                context(ctx, visit, webhook(ctx, visit)))));
        routes.post(PATH + "/test", pages.action((ctx, visit) -> {
            deliveries.sendTest(visit.principal(), path(ctx));
            Redirects.seeOther(ctx, detail(ctx), Notice.TEST_EVENT_SENT);
        }));
        routes.get(PATH + "/deliveries/{deliveryId}", pages.view((ctx, visit) -> {
            Delivery delivery = deliveries.get(visit.principal(), path(ctx), ctx.pathParam("deliveryId"));
            Map<String, Object> model = context(ctx, visit, webhook(ctx, visit));
            model.put("delivery", DeliveryView.of(delivery));
            model.put("eventJson", DeliveryView.eventJson(delivery));
            pages.render(ctx, visit, "webhook-delivery", model);
        }));
        routes.post(PATH + "/deliveries/{deliveryId}/retry", pages.action((ctx, visit) -> {
            deliveries.retry(visit.principal(), path(ctx), ctx.pathParam("deliveryId"));
            Redirects.seeOther(ctx, detail(ctx), Notice.DELIVERY_RETRIED);
        }));
    }

    private void update(Context ctx, Visit visit) {
        Pages.submit(() -> {
            webhooks.update(visit.principal(), appId(ctx), integrationId(ctx), ctx.pathParam("webhookId"),
                    () -> WebhookBodies.forUpdate(WebhookForm.body(ctx)));
            Redirects.seeOther(ctx, detail(ctx), Notice.WEBHOOK_UPDATED);
        }, Pages.RECORD_GONE, e -> {
            Map<String, Object> extra = new HashMap<>(WebhookForm.errorOf(e));
            extra.put("form", WebhookForm.posted(ctx));
            show(ctx, visit, e.status(), extra);
        });
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        Webhook webhook = webhook(ctx, visit);
        PageRequest requested = ctx.queryParam("after") == null && ctx.queryParam("before") == null
                ? new PageRequest(null, NEWEST, PageLinks.PAGE_SIZE) : PageLinks.requested(ctx);
        Page<Delivery> log = deliveries.list(visit.principal(), path(ctx), Optional.empty(), requested);
        Map<String, Object> model = context(ctx, visit, webhook);
        model.put("form", WebhookForm.Values.of(webhook));
        model.put("deliveries", log.items().stream().map(DeliveryView::of).toList());
        model.put("paging", PageLinks.of(detail(ctx), log, Delivery::id));
        model.putAll(extra);
        pages.render(ctx, status, visit, "webhook", model);
    }

    /** The breadcrumbs' records and the webhook itself. */
    private Map<String, Object> context(Context ctx, Visit visit, Webhook webhook) {
        App app = apps.get(visit.principal(), appId(ctx));
        Integration integration = integrations.get(visit.principal(), appId(ctx), integrationId(ctx));
        return Pages.model("nav", "apps", "app", app, "integration", integration, "webhook", webhook);
    }

    private Webhook webhook(Context ctx, Visit visit) {
        return webhooks.get(visit.principal(), appId(ctx), integrationId(ctx), ctx.pathParam("webhookId"));
    }

    private static WebhookPath path(Context ctx) {
        return new WebhookPath(appId(ctx), integrationId(ctx), ctx.pathParam("webhookId"));
    }

    private static String detail(Context ctx) {
        return AppPages.PATH + "/" + appId(ctx) + "/integrations/" + integrationId(ctx) + "/webhooks/"
                + ctx.pathParam("webhookId");
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }

    private static String integrationId(Context ctx) {
        return ctx.pathParam("integrationId");
    }
}
