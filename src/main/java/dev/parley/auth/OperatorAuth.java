package dev.parley.auth;

import dev.parley.http.RequestContext;
import dev.parley.ratelimit.RateLimits;
import dev.parley.http.RouteGroup;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;

/**
 * Guards every route of the operator API, {@code /admin/*}, in one place: {@code Authorization: Bearer <operator
 * token>}, compared in constant time; failed attempts count towards the address's limit of failed authentications.
 */
public final class OperatorAuth implements RouteGroup {
    private static final String ADMIN_ROUTES = "/admin/*";

    private final String operatorToken;
    private final RateLimits rateLimits;

    public OperatorAuth(String operatorToken, RateLimits rateLimits) {
        this.operatorToken = operatorToken;
        this.rateLimits = rateLimits;
    }

    @Override
    public void addTo(JavalinDefaultRoutingApi routes) {
        // Only where a route matched: an unknown path under /admin stays a 404, a known one with another method a 405.
        routes.beforeMatched(ADMIN_ROUTES, this::check);
    }

    private void check(Context ctx) {
        rateLimits.authenticating(RequestContext.clientAddress(ctx), () -> {
            BearerToken.require(operatorToken, ctx.header("Authorization"), "operator token");
            return null;
        });
    }
}
