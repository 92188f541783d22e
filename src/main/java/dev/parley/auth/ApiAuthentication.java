package dev.parley.auth;

import dev.parley.http.RequestContext;
import dev.parley.ratelimit.RateLimits;
import io.javalin.http.Context;
import io.javalin.http.Handler;

/**
 * Wraps provisioning routes so that each one runs with the caller's principal, or answers 401; failed
 * authentications are counted per address, and each key is held to its rate limit.
 */
public final class ApiAuthentication {
    private final Authenticator authenticator;
    private final RateLimits rateLimits;

    public ApiAuthentication(Authenticator authenticator, RateLimits rateLimits) {
        this.authenticator = authenticator;
        this.rateLimits = rateLimits;
    }

    public Handler require(AuthenticatedHandler handler) {
        return ctx -> handler.handle(ctx, principal(ctx));
    }

    private Principal principal(Context ctx) {
        Principal caller = rateLimits.authenticating(RequestContext.clientAddress(ctx),
                () -> authenticator.authenticate(ctx.header("Authorization")));
        rateLimits.checkCredential(caller.keyId());
        return caller.from(RequestContext.origin(ctx));
    }
}
