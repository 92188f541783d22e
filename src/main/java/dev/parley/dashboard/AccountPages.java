package dev.parley.dashboard;

import dev.parley.keys.KeySummary;
import dev.parley.keys.KeyService;
import dev.parley.accounts.AccountKeys;
import dev.parley.accounts.AccountService;
import dev.parley.auth.ApiKey;
import dev.parley.api.ApiException;
import dev.parley.keys.KeyBodies;
import dev.parley.api.PageRequest;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.Map;

/** The account page: the account, its plan, and its account keys. */
final class AccountPages {
    static final String PATH = "/dashboard/account";
    private static final int MOST_KEYS_SHOWN = 100;

    private final AccountService accounts;
    private final KeyService keys;
    private final AccountKeys accountKeys;
    private final Pages pages;

    AccountPages(AccountService accounts, KeyService keys, AccountKeys accountKeys, Pages pages) {
        this.accounts = accounts;
        this.keys = keys;
        this.accountKeys = accountKeys;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH + "/keys", pages.action(this::createKey));
        routes.post(PATH + "/keys/{keyId}/revoke", pages.action((ctx, visit) -> {
            keys.delete(visit.actor(), accountKeys.asSeenBy(visit.principal()), visit.principal().accountId(),
                    ctx.pathParam("keyId"));
            Redirects.seeOther(ctx, PATH, Notice.KEY_REVOKED);
        }));
    }

    private void createKey(Context ctx, Visit visit) {
        Pages.submit(() -> {
            ApiKey key = keys.create(visit.actor(), accountKeys.asSeenBy(visit.principal()),
                    visit.principal().accountId(), () -> KeyBodies.displayName(Forms.named(ctx)));
            pages.showNewKeyOnce(ctx, visit, PATH, key);
        }, Pages.NO_RECORD, e -> show(ctx, visit, e.status(), Map.of("keyError", ErrorMessages.of(e),
                "keyName", Forms.field(ctx, "name"))));
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> extra) {
        var account = accounts.get(visit.principal());
        var keys = this.keys.page(accountKeys.asSeenBy(visit.principal()), visit.principal().accountId(),
                new PageRequest(null, null, MOST_KEYS_SHOWN));
        Map<String, Object> model = Pages.model("nav", "account", "account", account, "plan", PlanUsage.of(account),
                "keys", keys.map(KeySummary::of).items(), "moreKeys", keys.hasNewer());
        model.putAll(extra);
        pages.render(ctx, status, visit, "account", model);
    }
}
