package dev.parley.dashboard;

import io.javalin.http.Context;

/**
 * Dashboard pages load their own stylesheet and script, which the API's {@code default-src 'none'} forbids; this
 * policy allows exactly those, from this server, and still no inline script or style, no framing, no other form
 * target.
 */
final class DashboardHeaders {
    static final String CONTENT_SECURITY_POLICY = "default-src 'self'; script-src 'self'; style-src 'self'; "
            + "img-src 'self' data: https:; form-action 'self'; frame-ancestors 'none'; base-uri 'none'";

    private DashboardHeaders() {
    }

    /** Runs after the API's security headers are set, and replaces the policy they carry. */
    static void apply(Context ctx) {
        ctx.header("Content-Security-Policy", CONTENT_SECURITY_POLICY);
    }
}
