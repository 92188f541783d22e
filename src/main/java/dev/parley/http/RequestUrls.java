package dev.parley.http;

import io.javalin.http.Context;

/** The scheme and authority the client used to reach this server, for absolute links in responses. */
public final class RequestUrls {
    private RequestUrls() {
    }

    public static String base(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "localhost:" + ctx.port();
        }
        return ctx.scheme() + "://" + host;
    }
}
