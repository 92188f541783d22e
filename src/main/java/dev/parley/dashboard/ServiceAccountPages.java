package dev.parley.dashboard;

import dev.parley.keys.KeySummary;
import dev.parley.keys.KeyView;
import dev.parley.keys.KeyBodies;
import dev.parley.keys.KeyService;
import dev.parley.serviceaccounts.ServiceAccountKeys;
import dev.parley.apps.App;
import dev.parley.apps.AppService;
import dev.parley.auth.ApiKey;
import dev.parley.api.ApiException;
import dev.parley.keys.KeyBodies;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.serviceaccounts.ServiceAccount;
import dev.parley.serviceaccounts.ServiceAccountBodies;
import dev.parley.serviceaccounts.ServiceAccountService;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** Service accounts: the list, creating, renaming and deleting, their keys, and the apps they may reach. */
final class ServiceAccountPages {
    static final String PATH = "/dashboard/service-accounts";
    // Suggestions for the grant field; an app beyond them is granted by pasting its id.
    private static final int APPS_SUGGESTED = 100;

    private final ServiceAccountService serviceAccounts;
    private final AppService apps;
    private final KeyService keys;
    private final Pages pages;

    ServiceAccountPages(ServiceAccountService serviceAccounts, AppService apps, KeyService keys, Pages pages) {
        this.serviceAccounts = serviceAccounts;
        this.apps = apps;
        this.keys = keys;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> list(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::create));
        routes.get(PATH + "/{serviceAccountId}", pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH + "/{serviceAccountId}/rename", pages.action(this::rename));
        routes.get(PATH + "/{serviceAccountId}/delete", pages.view((ctx, visit) ->
                pages.render(ctx, visit, "service-account-delete", Pages.model("nav", "service-accounts",
                        "serviceAccount", serviceAccount(ctx, visit),
                        "keyCount", keys.list(serviceAccountKeys(visit), id(ctx)).size()))));
        routes.post(PATH + "/{serviceAccountId}/delete", pages.action((ctx, visit) -> {
            serviceAccounts.delete(visit.principal(), id(ctx));
            Redirects.seeOther(ctx, PATH, Notice.SERVICE_ACCOUNT_DELETED);
        }));
        routes.post(PATH + "/{serviceAccountId}/keys", pages.action(this::createKey));
        routes.get(PATH + "/{serviceAccountId}/keys/{keyId}", pages.view((ctx, visit) -> {
            ServiceAccount serviceAccount = serviceAccount(ctx, visit);
            ApiKey key = keys.get(serviceAccountKeys(visit), serviceAccount.id(), ctx.pathParam("keyId"));
            pages.render(ctx, visit, "key", Pages.model("nav", "service-accounts", "key", KeyView.of(key),
                    "parentKind", "service account", "parentName", serviceAccount.displayName(),
                    "backLink", PATH + "/" + serviceAccount.id()));
        }));
        routes.post(PATH + "/{serviceAccountId}/keys/{keyId}/revoke", pages.action((ctx, visit) -> {
            keys.delete(visit.actor(), serviceAccountKeys(visit), id(ctx), ctx.pathParam("keyId"));
            Redirects.seeOther(ctx, detail(ctx), Notice.KEY_REVOKED);
        }));
        routes.post(PATH + "/{serviceAccountId}/apps", pages.action(this::grant));
        routes.post(PATH + "/{serviceAccountId}/apps/{appId}/revoke", pages.action((ctx, visit) -> {
            serviceAccounts.revoke(visit.principal(), id(ctx), ctx.pathParam("appId"));
            Redirects.seeOther(ctx, detail(ctx), Notice.ACCESS_REVOKED);
        }));
    }

    private void list(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        Page<ServiceAccount> page = serviceAccounts.list(visit.principal(), PageLinks.requested(ctx));
        Map<String, Object> model = Pages.model("nav", "service-accounts", "serviceAccounts", page.items(),
                "paging", PageLinks.of(PATH, page, ServiceAccount::id));
        model.putAll(extra);
        pages.render(ctx, status, visit, "service-accounts", model);
    }

    private void create(Context ctx, Visit visit) {
        Pages.submit(() -> {
            ServiceAccount created = serviceAccounts.create(visit.principal(),
                    () -> ServiceAccountBodies.forCreate(Forms.named(ctx)));
            Redirects.seeOther(ctx, PATH + "/" + created.id(), Notice.SERVICE_ACCOUNT_CREATED);
        }, Pages.NO_RECORD, e -> list(ctx, visit, e.status(), Map.of("createError", ErrorMessages.of(e),
                "createName", Forms.field(ctx, "name"))));
    }

    private void rename(Context ctx, Visit visit) {
        Pages.submit(() -> {
            serviceAccounts.update(visit.principal(), id(ctx), () -> ServiceAccountBodies.forUpdate(Forms.named(ctx)));
            Redirects.seeOther(ctx, detail(ctx), Notice.SERVICE_ACCOUNT_RENAMED);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("renameError", ErrorMessages.of(e),
                "renameValue", Forms.field(ctx, "name"))));
    }

    private void createKey(Context ctx, Visit visit) {
        Pages.submit(() -> {
            ApiKey key = keys.create(visit.actor(), serviceAccountKeys(visit), id(ctx),
                    () -> KeyBodies.displayName(Forms.named(ctx)));
            pages.showNewKeyOnce(ctx, visit, PATH + "/" + key.serviceAccountId(), key);
        }, Pages.RECORD_GONE, e -> show(ctx, visit, e.status(), Map.of("keyError", ErrorMessages.of(e),
                "keyName", Forms.field(ctx, "name"))));
    }

    /** An app that is not found is the form's error; the service account that is not found is the page's. */
    private void grant(Context ctx, Visit visit) {
        String appId = Forms.field(ctx, "appId");
        Pages.submit(() -> {
            serviceAccount(ctx, visit);
            if (appId.isEmpty()) {
                throw ApiException.badRequest("Choose an app, or paste its id");
            }
            serviceAccounts.grant(visit.principal(), id(ctx), appId);
            Redirects.seeOther(ctx, detail(ctx), Notice.ACCESS_GRANTED);
        }, e -> e.status() == 404 && !"app_not_found".equals(e.code()),
                e -> show(ctx, visit, e.status(), Map.of("grantError", ErrorMessages.of(e), "grantValue", appId)));
    }

    private ServiceAccountKeys serviceAccountKeys(Visit visit) {
        return new ServiceAccountKeys(serviceAccounts, visit.principal());
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        ServiceAccount serviceAccount = serviceAccount(ctx, visit);
        Page<App> reached = serviceAccounts.listApps(visit.principal(), serviceAccount.id(), PageLinks.requested(ctx));
        Page<App> suggestions = apps.list(visit.principal(), null, new PageRequest(null, null, APPS_SUGGESTED));
        Map<String, Object> model = Pages.model("nav", "service-accounts", "serviceAccount", serviceAccount,
                "keys", keys.list(serviceAccountKeys(visit), serviceAccount.id()).stream()
                        .map(KeySummary::of).toList(),
                "apps", reached.items(), "paging", PageLinks.of(detail(ctx), reached, App::id),
                "suggestions", suggestions.items());
        model.putAll(extra);
        pages.render(ctx, status, visit, "service-account", model);
    }

    private ServiceAccount serviceAccount(Context ctx, Visit visit) {
        return serviceAccounts.get(visit.principal(), id(ctx));
    }

    private static String id(Context ctx) {
        return ctx.pathParam("serviceAccountId");
    }

    private static String detail(Context ctx) {
        return PATH + "/" + id(ctx);
    }
}
