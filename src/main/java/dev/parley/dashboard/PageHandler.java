package dev.parley.dashboard;

import io.javalin.http.Context;

/** A dashboard route that runs for a signed-in owner. */
@FunctionalInterface
interface PageHandler {
    void handle(Context ctx, Visit visit) throws Exception;
}
