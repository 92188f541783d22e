package dev.parley.dashboard;

import dev.parley.apps.App;
import dev.parley.apps.AppChanges;
import dev.parley.apps.AppService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** An app's settings and metadata, edited through the app service as the API's update does. */
final class AppSettingsPages {
    private final AppService apps;
    private final Pages pages;

    AppSettingsPages(AppService apps, Pages pages) {
        this.apps = apps;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(AppPages.PATH + "/{appId}/settings", pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(AppPages.PATH + "/{appId}/settings", pages.action(this::saveSettings));
        routes.post(AppPages.PATH + "/{appId}/metadata", pages.action(this::saveMetadata));
    }

    private void saveSettings(Context ctx, Visit visit) {
        Pages.submit(() -> {
            apps.update(visit.principal(), appId(ctx), () -> AppChanges.forUpdate(AppSettingsForm.body(ctx)));
            Redirects.seeOther(ctx, path(ctx), Notice.SETTINGS_SAVED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("settingErrors", AppSettingsForm.errors(e),
                "settings", AppSettingsForm.sent(ctx))));
    }

    private void saveMetadata(Context ctx, Visit visit) {
        Pages.submit(() -> {
            apps.update(visit.principal(), appId(ctx), () -> AppChanges.forUpdate(MetadataForm.body(ctx)));
            Redirects.seeOther(ctx, path(ctx), Notice.METADATA_SAVED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("metadataError", ErrorMessages.of(e),
                "rows", MetadataForm.withEmptyRows(MetadataForm.sent(ctx)))));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = apps.get(visit.principal(), appId(ctx));
        Map<String, Object> model = Pages.model("nav", "apps", "app", app, "fields", AppSettingsForm.FIELDS,
                "settings", AppSettingsForm.values(app.settings()), "rows", MetadataForm.rows(app.metadata()),
                "settingErrors", Map.of(), "retention", AppSettingsForm.RETENTION);
        model.putAll(extra);
        pages.render(ctx, status, visit, "app-settings", model);
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }

    private static String path(Context ctx) {
        return AppPages.PATH + "/" + appId(ctx) + "/settings";
    }
}
