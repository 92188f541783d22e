package dev.parley.http;

import io.javalin.config.Key;
import io.javalin.http.Context;
import java.util.Optional;

/**
 * Where clients reach this server, for absolute links in responses: PARLEY_PUBLIC_URL when it is set, else the
 * scheme and Host header the request came with (which any client can write).
 */
public final class RequestUrls {
    static final Key<Optional<String>> PUBLIC_URL = new Key<>("parley.publicUrl");

    private RequestUrls() {
    }

    public static String base(Context ctx) {
        return ctx.appData(PUBLIC_URL).orElseGet(() -> fromRequest(ctx));
    }

    private static String fromRequest(Context ctx) {
        String host = ctx.host();
        if (host == null || host.isBlank() || !host.matches("[A-Za-z0-9.\\-\\[\\]:]{1,255}")) {
            host = "localhost:" + ctx.port();
        }
        return ctx.scheme() + "://" + host;
    }
}
