package dev.parley.dashboard;

import dev.parley.accounts.AccountService;
import dev.parley.auth.ApiKey;
import dev.parley.http.ApiException;
import dev.parley.http.KeyBodies;
import dev.parley.http.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The account page: the account, its plan, and its account keys. */
final class AccountPages {
    static final String PATH = "/dashboard/account";
    private static final int MOST_KEYS_SHOWN = 100;

    private final AccountService accounts;
    private final Pages pages;

    AccountPages(AccountService accounts, Pages pages) {
        this.accounts = accounts;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH + "/keys", pages.action(this::createKey));
        routes.post(PATH + "/keys/{keyId}/revoke", pages.action((ctx, visit) -> {
            accounts.deleteKey(visit.principal(), ctx.pathParam("keyId"));
            Redirects.seeOther(ctx, PATH, Notice.KEY_REVOKED);
        }));
    }

    private void createKey(Context ctx, Visit visit) {
        try {
            ApiKey key = accounts.createKey(visit.principal(), () -> KeyBodies.displayName(Forms.named(ctx)));
            pages.showNewKeyOnce(ctx, visit, PATH, key);
        } catch (ApiException e) {
            show(ctx, visit, e.status(), Map.of("keyError", ErrorMessages.of(e), "keyName", Forms.field(ctx, "name")));
        }
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        var account = accounts.get(visit.principal());
        var keys = accounts.listKeys(visit.principal(), new PageRequest(null, null, MOST_KEYS_SHOWN));
        Map<String, Object> model = Pages.model("nav", "account", "account", account, "plan", PlanUsage.of(account),
                "keys", keys.map(ApiKey::summary).items(), "moreKeys", keys.hasNewer());
        model.putAll(extra);
        pages.render(ctx, status, visit, "account", model);
    }
}
