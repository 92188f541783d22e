package dev.parley.auth;

import io.javalin.http.Context;

/** Runs around every authenticated route once its caller is known, for what concerns all routes alike. */
@FunctionalInterface
public interface CallerFilter {
    CallerFilter NONE = (ctx, caller, route) -> route.handle(ctx, caller);

    void handle(Context ctx, Principal caller, AuthenticatedHandler route) throws Exception;
}
