package dev.parley.http;

import java.util.Map;
import java.util.function.BiConsumer;

/** The headers every response carries, from a route or from the server's own error handler. */
final class SecurityHeaders {
    private static final Map<String, String> HEADERS = Map.of(
            "X-Content-Type-Options", "nosniff",
            "X-Frame-Options", "DENY",
            "Referrer-Policy", "no-referrer",
            "Content-Security-Policy", "default-src 'none'; frame-ancestors 'none'",
            // Responses carry secrets: no cache along the way may keep them.
            "Cache-Control", "no-store");

    private SecurityHeaders() {
    }

    static void forEach(BiConsumer<String, String> header) {
        HEADERS.forEach(header);
    }
}
