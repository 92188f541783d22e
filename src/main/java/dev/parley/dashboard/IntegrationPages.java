package dev.parley.dashboard;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.Page;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.auth.ApiKey;
import dev.parley.integrations.Integration;
import dev.parley.integrations.IntegrationBodies;
import dev.parley.integrations.IntegrationService;
import dev.parley.keys.KeyBodies;
import dev.parley.keys.KeyOwner;
import dev.parley.keys.KeyService;
import dev.parley.keys.KeySummary;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

/**
 * An app's custom integrations: the list with paging, creating one with its webhook, renaming, deleting after a
 * confirmation page, and its integration keys (the secret shown once, on the page the form leads to).
 */
final class IntegrationPages {
    static final String PATH = AppPages.PATH + "/{appId}/integrations";

    private final IntegrationService integrations;
    private final AppService apps;
    private final KeyService keys;
    private final Pages pages;

    IntegrationPages(IntegrationService integrations, AppService apps, KeyService keys, Pages pages) {
        this.integrations = integrations;
        this.apps = apps;
        this.keys = keys;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> list(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::create));
        routes.get(PATH + "/{integrationId}", pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH + "/{integrationId}/rename", pages.action(this::rename));
        routes.get(PATH + "/{integrationId}/delete", pages.view((ctx, visit) -> pages.render(ctx, visit,
                "integration-delete", Pages.model("nav", "apps", "app", app(ctx, visit),
                        "integration", integration(ctx, visit),
                        "keyCount", keys.list(keyOwner(ctx, visit), integrationId(ctx)).size()))));
        routes.post(PATH + "/{integrationId}/delete", pages.action(this::delete));
        routes.post(PATH + "/{integrationId}/keys", pages.action(this::createKey));
        routes.post(PATH + "/{integrationId}/keys/{keyId}/revoke", pages.action((ctx, visit) -> {
            keys.delete(visit.actor(), keyOwner(ctx, visit), integrationId(ctx), ctx.pathParam("keyId"));
            Redirects.seeOther(ctx, detail(ctx), Notice.KEY_REVOKED);
        }));
    }

    private void list(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = app(ctx, visit);
        String path = listPath(ctx);
        Page<Integration> page = integrations.list(visit.principal(), app.id(), Optional.empty(),
                PageLinks.requested(ctx));
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "integrations", page.items(),
                "paging", PageLinks.of(path, page, Integration::id), "form", WebhookForm.Values.NEW);
        model.putAll(extra);
        pages.render(ctx, status, visit, "integrations", model);
    }

    private void create(Context ctx, Visit visit) {
        Pages.submit(() -> {
            Integration created = integrations.create(visit.principal(), appId(ctx), () -> {
                ObjectNode body = Forms.named(ctx);
                body.put("type", Integration.CUSTOM);
                body.putArray("webhooks").add(WebhookForm.body(ctx));
                return IntegrationBodies.forCreate(body);
            });
            Redirects.seeOther(ctx, listPath(ctx) + "/" + created.id(), Notice.INTEGRATION_CREATED);
        }, e -> "app_not_found".equals(e.code()), e -> {
            Map<String, Object> extra = new HashMap<>(WebhookForm.errorOf(e));
            extra.put("form", WebhookForm.posted(ctx));
            extra.put("createName", Forms.field(ctx, "name"));
            list(ctx, visit, e.status(), extra);
        });
    }

    private void rename(Context ctx, Visit visit) {
        Pages.submit(() -> {
            integrations.update(visit.principal(), appId(ctx), integrationId(ctx),
                    () -> IntegrationBodies.forUpdate(Forms.named(ctx)));
            Redirects.seeOther(ctx, detail(ctx), Notice.INTEGRATION_RENAMED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("renameError", ErrorMessages.of(e),
                "renameValue", Forms.field(ctx, "name"))));
    }

    /** A refusal (the integration is linked to the switchboard) is shown on the confirmation page's record. */
    private void delete(Context ctx, Visit visit) {
        Pages.submit(() -> {
            integrations.delete(visit.principal(), appId(ctx), integrationId(ctx));
            Redirects.seeOther(ctx, listPath(ctx), Notice.INTEGRATION_DELETED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("deleteError", ErrorMessages.of(e))));
    }

    private void createKey(Context ctx, Visit visit) {
        Pages.submit(() -> {
            ApiKey key = keys.create(visit.actor(), keyOwner(ctx, visit), integrationId(ctx),
                    () -> KeyBodies.displayName(Forms.named(ctx)));
            pages.showNewKeyOnce(ctx, visit, detail(ctx), key);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("keyError", ErrorMessages.of(e),
                "keyName", Forms.field(ctx, "name"))));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = app(ctx, visit);
        Integration integration = integration(ctx, visit);
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "integration", integration,
                "keys", keys.list(keyOwner(ctx, visit), integration.id()).stream().map(KeySummary::of).toList());
        model.putAll(extra);
        pages.render(ctx, status, visit, "integration", model);
    }

    private KeyOwner keyOwner(Context ctx, Visit visit) {
        return integrations.keyOwner(visit.principal(), appId(ctx));
    }

    private App app(Context ctx, Visit visit) {
        return apps.get(visit.principal(), appId(ctx));
    }

    private Integration integration(Context ctx, Visit visit) {
        return integrations.get(visit.principal(), appId(ctx), integrationId(ctx));
    }

    private static String listPath(Context ctx) {
        return AppPages.PATH + "/" + appId(ctx) + "/integrations";
    }

    private static String detail(Context ctx) {
        return listPath(ctx) + "/" + integrationId(ctx);
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }

    private static String integrationId(Context ctx) {
        return ctx.pathParam("integrationId");
    }
}
