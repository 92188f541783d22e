package dev.parley.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.api.PageRequest;
import dev.parley.audit.Actor;
import dev.parley.auth.KeyKind;
import dev.parley.http.JsonBody;
import dev.parley.http.PageResponse;
import dev.parley.http.QueryParameters;
import dev.parley.http.RequestContext;
import dev.parley.http.RouteGroup;
import dev.parley.keys.KeyBodies;
import dev.parley.keys.KeyService;
import dev.parley.keys.KeySummary;
import dev.parley.keys.KeyView;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The operator API for accounts and their keys under /admin/accounts (guarded by {@code OperatorAuth}). */
public final class OperatorRoutes implements RouteGroup {
    private static final String ONE = "/admin/accounts/{accountId}";

    private final AccountService accounts;
    private final KeyService keys;
    private final AccountKeys accountKeys;

    public OperatorRoutes(AccountService accounts, KeyService keys, AccountKeys accountKeys) {
        this.accounts = accounts;
        this.keys = keys;
        this.accountKeys = accountKeys;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/admin/accounts", ctx -> {
            ObjectNode request = JsonBody.read(ctx);
            JsonNode ownerField = request.remove("owner");
            AccountChanges changes = AccountChanges.forCreate(request);
            Optional<NewOwner> owner = ownerField == null ? Optional.empty()
                    : Optional.of(NewOwner.parse(ownerField, "owner"));
            AccountService.CreatedAccount created = accounts.create(operator(ctx), changes, owner);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", created.account());
            body.put("key", KeyView.of(created.key()));
            created.owner().ifPresent(o -> body.put("owner", o));
            ctx.status(201).json(body);
        });
        routes.get("/admin/accounts", ctx -> {
            PageRequest page = QueryParameters.page(ctx);
            ctx.json(PageResponse.of(ctx, "accounts", accounts.list(page), page, Account::id, Map.of()));
        });
        routes.get(ONE, ctx -> ctx.json(Map.of("account", accounts.get(ctx.pathParam("accountId")))));
        routes.patch(ONE, ctx -> ctx.json(Map.of("account", accounts.update(operator(ctx), ctx.pathParam("accountId"),
                AccountChanges.forUpdate(JsonBody.read(ctx))))));
        routes.delete(ONE, ctx -> {
            accounts.delete(operator(ctx), ctx.pathParam("accountId"));
            ctx.json(Map.of());
        });

        routes.post(ONE + "/keys", ctx -> {
            String displayName = KeyBodies.displayName(JsonBody.read(ctx));
            ctx.status(201).json(Map.of("key", KeyView.of(keys.create(operator(ctx), accountKeys.asOperator(),
                    ctx.pathParam("accountId"), () -> displayName))));
        });
        // An account key's secret is in the answer that creates it and nowhere else, so "shown once" holds.
        routes.get(ONE + "/keys", ctx -> {
            PageRequest page = QueryParameters.pageOfIds(ctx, KeyKind.ACCOUNT.prefix());
            ctx.json(PageResponse.of(ctx, "keys",
                    keys.page(accountKeys.asOperator(), ctx.pathParam("accountId"), page).map(KeySummary::of), page,
                    KeySummary::id, Map.of()));
        });
        routes.get(ONE + "/keys/{keyId}", ctx -> ctx.json(Map.of("key", KeySummary.of(
                keys.get(accountKeys.asOperator(), ctx.pathParam("accountId"), ctx.pathParam("keyId"))))));
        routes.delete(ONE + "/keys/{keyId}", ctx -> {
            keys.delete(operator(ctx), accountKeys.asOperator(), ctx.pathParam("accountId"), ctx.pathParam("keyId"));
            ctx.json(Map.of());
        });
    }

    static Actor operator(Context ctx) {
        return Actor.operator(RequestContext.origin(ctx));
    }
}
