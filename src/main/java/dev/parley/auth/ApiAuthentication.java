package dev.parley.auth;

import dev.parley.http.RequestContext;
import dev.parley.ratelimit.RateLimits;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Wraps provisioning routes so that each one runs with the caller's principal, or answers 401; failed
 * authentications are counted per address, and each key is held to its rate limit. The filter then runs around
 * the route (idempotent retries, for one).
 */
public final class ApiAuthentication {
    private final Authenticator authenticator;
    private final RateLimits rateLimits;
    private final CallerFilter filter;

    public ApiAuthentication(Authenticator authenticator, RateLimits rateLimits, CallerFilter filter) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
        this.filter = filter;
    }

    public Handler require(AuthenticatedHandler handler) {
        return ctx -> filter.handle(ctx, principal(ctx), handler);
    }

    private Principal principal(Context ctx) {
        Principal caller = rateLimits.authenticating(RequestContext.clientAddress(ctx),
                () -> authenticator.authenticate(ctx.header("Authorization")));
        rateLimits.checkCredential(caller.keyId());
        return caller.from(RequestContext.origin(ctx));
    }
}
