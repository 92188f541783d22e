package dev.parley.auth;

import io.javalin.http.Context;

/** A route handler that runs only for an authenticated caller. */
@FunctionalInterface
public interface AuthenticatedHandler {
    void handle(Context ctx, Principal caller) throws Exception;
}
