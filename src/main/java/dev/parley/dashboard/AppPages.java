package dev.parley.dashboard;

import dev.parley.keys.KeySummary;
import dev.parley.keys.KeyView;
import dev.parley.keys.KeyBodies;
import dev.parley.keys.KeyService;
import dev.parley.apps.App;
import dev.parley.apps.AppChanges;
import dev.parley.apps.AppAccess;
import dev.parley.apps.AppKeys;
import dev.parley.apps.AppService;
import dev.parley.auth.ApiKey;
import dev.parley.api.ApiException;
import dev.parley.keys.KeyBodies;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.serviceaccounts.ServiceAccount;
import dev.parley.serviceaccounts.ServiceAccountService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** Apps: the list with paging, creating, renaming and deleting, and each app's keys and service accounts. */
final class AppPages {
    static final String PATH = "/dashboard/apps";
    private static final int MOST_SERVICE_ACCOUNTS_SHOWN = 50;

    private final AppService apps;
    private final AppAccess access;
    private final KeyService keys;
    private final ServiceAccountService serviceAccounts;
    private final Pages pages;

    AppPages(AppService apps, AppAccess access, KeyService keys, ServiceAccountService serviceAccounts, Pages pages) {
        this.apps = apps;
        this.access = access;
        this.keys = keys;
        this.serviceAccounts = serviceAccounts;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> list(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::create));
        routes.get(PATH + "/{appId}", pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH + "/{appId}/rename", pages.action(this::rename));
        routes.get(PATH + "/{appId}/delete", pages.view((ctx, visit) ->
                pages.render(ctx, visit, "app-delete", Pages.model("nav", "apps", "app", app(ctx, visit),
                        "keyCount", keys.list(appKeys(visit), appId(ctx)).size()))));
        routes.post(PATH + "/{appId}/delete", pages.action((ctx, visit) -> {
            apps.delete(visit.principal(), appId(ctx));
            Redirects.seeOther(ctx, PATH, Notice.APP_DELETED);
        }));
        routes.post(PATH + "/{appId}/keys", pages.action(this::createKey));
        routes.get(PATH + "/{appId}/keys/{keyId}", pages.view((ctx, visit) -> {
            App app = app(ctx, visit);
            ApiKey key = keys.get(appKeys(visit), app.id(), ctx.pathParam("keyId"));
            pages.render(ctx, visit, "key", Pages.model("nav", "apps", "key", KeyView.of(key), "parentKind", "app",
                    "parentName", app.displayName(), "backLink", PATH + "/" + app.id()));
        }));
        routes.post(PATH + "/{appId}/keys/{keyId}/revoke", pages.action((ctx, visit) -> {
            keys.delete(visit.actor(), appKeys(visit), appId(ctx), ctx.pathParam("keyId"));
            Redirects.seeOther(ctx, PATH + "/" + appId(ctx), Notice.KEY_REVOKED);
        }));
    }

    private void list(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        Page<App> page = apps.list(visit.principal(), null, PageLinks.requested(ctx));
        var account = pages.account(visit);
        Map<String, Object> model = Pages.model("nav", "apps", "account", account, "plan", PlanUsage.of(account),
                "apps", page.items(), "paging", PageLinks.of(PATH, page, App::id));
        model.putAll(extra);
        pages.render(ctx, status, visit, "apps", model);
    }

    private void create(Context ctx, Visit visit) {
        Pages.submit(() -> {
            App app = apps.create(visit.principal(), () -> AppChanges.forCreate(Forms.named(ctx)));
            Redirects.seeOther(ctx, PATH + "/" + app.id(), Notice.APP_CREATED);
        }, Pages.NO_RECORD, e -> list(ctx, visit, e.status(), Map.of("createError", ErrorMessages.of(e),
                "createName", Forms.field(ctx, "name"))));
    }

    private void rename(Context ctx, Visit visit) {
        Pages.submit(() -> {
            apps.update(visit.principal(), appId(ctx), () -> AppChanges.forUpdate(Forms.named(ctx)));
            Redirects.seeOther(ctx, PATH + "/" + appId(ctx), Notice.APP_RENAMED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("renameError", ErrorMessages.of(e),
                "renameValue", Forms.field(ctx, "name"))));
    }

    private void createKey(Context ctx, Visit visit) {
        Pages.submit(() -> {
            ApiKey key = keys.create(visit.actor(), appKeys(visit), appId(ctx),
                    () -> KeyBodies.displayName(Forms.named(ctx)));
            pages.showNewKeyOnce(ctx, visit, PATH + "/" + key.appId(), key);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("keyError", ErrorMessages.of(e),
                "keyName", Forms.field(ctx, "name"))));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        App app = app(ctx, visit);
        Page<ServiceAccount> reaching = serviceAccounts.listReaching(visit.principal(), app.id(),
                new PageRequest(null, null, MOST_SERVICE_ACCOUNTS_SHOWN));
        Map<String, Object> model = Pages.model("nav", "apps", "app", app,
                "keys", keys.list(appKeys(visit), app.id()).stream().map(KeySummary::of).toList(),
                "serviceAccounts", reaching.items(), "moreServiceAccounts", reaching.hasNewer(),
                "metadata", app.metadata(), "settingFields", AppSettingsForm.FIELDS,
                "settings", AppSettingsForm.values(app.settings()));
        model.putAll(extra);
        pages.render(ctx, status, visit, "app", model);
    }

    private AppKeys appKeys(Visit visit) {
        return new AppKeys(access, visit.principal());
    }

    private App app(Context ctx, Visit visit) {
        return apps.get(visit.principal(), appId(ctx));
    }

    private static String appId(Context ctx) {
        return ctx.pathParam("appId");
    }
}
