package dev.parley.auth;

import io.javalin.http.Context;
import io.javalin.http.Handler;

/** Wraps provisioning routes so that each one runs with the caller's principal, or answers 401. */
public final class ApiAuthentication {
    private final Authenticator authenticator;

    public ApiAuthentication(Authenticator authenticator) {
        this.authenticator = authenticator;
    }

    public Handler require(AuthenticatedHandler handler) {
        return ctx -> handler.handle(ctx, principal(ctx));
    }

    private Principal principal(Context ctx) {
        return authenticator.authenticate(ctx.header("Authorization"));
    }
}
