package dev.parley.accounts;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.parley.auth.ApiKey;
import dev.parley.auth.KeySummary;
import dev.parley.auth.OperatorAuth;
import dev.parley.crypto.KeyKind;
import dev.parley.http.JsonBody;
import dev.parley.http.KeyBodies;
import dev.parley.http.PageRequest;
import dev.parley.http.PageResponse;
import dev.parley.http.RouteGroup;
import io.javalin.http.Handler;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/** The operator API under /admin, guarded by the operator token. */
public final class OperatorRoutes implements RouteGroup {
    private final AccountService accounts;
    private final OperatorAuth operator;

    public OperatorRoutes(AccountService accounts, OperatorAuth operator) {
        this.accounts = accounts;
        this.operator = operator;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        routes.post("/admin/accounts", guarded(ctx -> {
            ObjectNode request = JsonBody.read(ctx);
            JsonNode ownerField = request.remove("owner");
            AccountChanges changes = AccountChanges.forCreate(request);
            Optional<NewOwner> owner = ownerField == null ? Optional.empty()
                    : Optional.of(NewOwner.parse(ownerField, "owner"));
            AccountService.CreatedAccount created = accounts.create(changes, owner);
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("account", created.account());
            body.put("key", created.key().view());
            created.owner().ifPresent(o -> body.put("owner", o));
            ctx.status(201).json(body);
        }));
        routes.get("/admin/accounts", guarded(ctx -> {
            PageRequest page = PageRequest.from(ctx);
            ctx.json(PageResponse.of(ctx, "accounts", accounts.list(page), page, Account::id, Map.of()));
        }));
        routes.get("/admin/accounts/{accountId}", guarded(ctx ->
                ctx.json(Map.of("account", accounts.get(ctx.pathParam("accountId"))))));
        routes.patch("/admin/accounts/{accountId}", guarded(ctx -> ctx.json(Map.of("account",
                accounts.update(ctx.pathParam("accountId"), AccountChanges.forUpdate(JsonBody.read(ctx)))))));
        routes.delete("/admin/accounts/{accountId}", guarded(ctx -> {
            accounts.delete(ctx.pathParam("accountId"));
            ctx.json(Map.of());
        }));

        routes.post("/admin/accounts/{accountId}/keys", guarded(ctx -> ctx.status(201).json(Map.of("key",
                accounts.createKey(ctx.pathParam("accountId"), KeyBodies.displayName(JsonBody.read(ctx))).view()))));
        // An account key's secret is in the answer that creates it and nowhere else, so "shown once" holds.
        routes.get("/admin/accounts/{accountId}/keys", guarded(ctx -> {
            PageRequest page = PageRequest.ofKeys(ctx, KeyKind.ACCOUNT);
            ctx.json(PageResponse.of(ctx, "keys",
                    accounts.listKeys(ctx.pathParam("accountId"), page).map(ApiKey::summary), page,
                    KeySummary::id, Map.of()));
        }));
        routes.get("/admin/accounts/{accountId}/keys/{keyId}", guarded(ctx -> ctx.json(Map.of("key",
                accounts.getKey(ctx.pathParam("accountId"), ctx.pathParam("keyId")).summary()))));
        routes.delete("/admin/accounts/{accountId}/keys/{keyId}", guarded(ctx -> {
            accounts.deleteKey(ctx.pathParam("accountId"), ctx.pathParam("keyId"));
            ctx.json(Map.of());
        }));
    }

    private Handler guarded(Handler handler) {
        return ctx -> {
            operator.check(ctx);
            handler.handle(ctx);
        };
    }
}
