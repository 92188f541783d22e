package dev.parley.dashboard;

import dev.parley.http.RequestContext;
import io.javalin.http.Context;
import java.time.Duration;

/**
 * The dashboard's cookies: HttpOnly (no script reads them), SameSite=Strict (no other site's page sends them),
 * Path=/dashboard (the API never sees them), and Secure when the request came over TLS, to Parley or to a trusted
 * proxy that says so in X-Forwarded-Proto (from anyone else that header is ignored: any client could send it).
 */
public final class SessionCookies {
    public static final String SESSION = "parley_session";
    /** Carries the token of the sign-in form, which no session exists for yet (double-submit). */
    public static final String SIGN_IN = "parley_sign_in";
    public static final String PATH = "/dashboard";

    private SessionCookies() {
    }

    public static void set(Context ctx, String name, String value, Duration maxAge) {
        ctx.res().addHeader("Set-Cookie", name + "=" + value + "; Path=" + PATH + "; Max-Age=" + maxAge.toSeconds()
                + "; HttpOnly; SameSite=Strict" + (isTls(ctx) ? "; Secure" : ""));
    }

    public static void clear(Context ctx, String name) {
        ctx.res().addHeader("Set-Cookie", name + "=; Path=" + PATH + "; Max-Age=0; HttpOnly; SameSite=Strict"
                + (isTls(ctx) ? "; Secure" : ""));
    }

    public static String read(Context ctx, String name) {
        return ctx.cookie(name);
    }

    private static boolean isTls(Context ctx) {
        return RequestContext.overTls(ctx);
    }
}
