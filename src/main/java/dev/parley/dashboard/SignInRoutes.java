package dev.parley.dashboard;

import dev.parley.accounts.AccountOwner;
import dev.parley.accounts.OwnerService;
import dev.parley.http.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/** Signing in and out. */
final class SignInRoutes {
    private static final Duration SIGN_IN_FORM_LIFETIME = Duration.ofHours(1);

    private final OwnerService owners;
    private final Sessions sessions;
    private final SessionTokens tokens;
    private final SignInThrottle throttle;
    private final Templates templates;
    private final Pages pages;

    SignInRoutes(OwnerService owners, Sessions sessions, SessionTokens tokens, SignInThrottle throttle,
                 Templates templates, Pages pages) {
        this.owners = owners;
        this.sessions = sessions;
        this.tokens = tokens;
        this.throttle = throttle;
        this.templates = templates;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get("/dashboard/sign-in", this::form);
        routes.post("/dashboard/sign-in", this::signIn);
        routes.post("/dashboard/sign-out", pages.action((ctx, visit) -> {
            sessions.end(SessionCookies.read(ctx, SessionCookies.SESSION));
            SessionCookies.clear(ctx, SessionCookies.SESSION);
            Redirects.seeOther(ctx, Pages.SIGN_IN, Notice.SIGNED_OUT);
        }));
    }

    private void form(Context ctx) {
        try {
            if (sessions.find(SessionCookies.read(ctx, SessionCookies.SESSION)).isPresent()) {
                Redirects.seeOther(ctx, AccountPages.PATH);
                return;
            }
            render(ctx, 200, "", Map.of());
        } catch (RuntimeException e) {
            pages.unexpected(ctx, e);
        }
    }

    private void signIn(Context ctx) {
        try {
            String email = Forms.field(ctx, "email");
            if (!SessionTokens.matches(SessionCookies.read(ctx, SessionCookies.SIGN_IN), ctx.formParam(Forms.CSRF_FIELD))) {
                render(ctx, 403, email, Map.of("error", "This sign-in form has expired or did not come from this "
                        + "dashboard. Please sign in again."));
                return;
            }
            Optional<Duration> refused = throttle.refusal(email, RequestContext.clientAddress(ctx));
            if (refused.isPresent()) {
                render(ctx, 429, email, Map.of("error", "Too many failed sign-ins. For your security, signing in "
                        + "is paused; try again in " + waitFor(ctx, refused.get()) + "."));
                return;
            }
            Optional<AccountOwner> owner = owners.authenticate(email, ctx.formParam("password"));
            if (owner.isEmpty()) {
                throttle.failed(email, RequestContext.clientAddress(ctx));
                render(ctx, 401, email, Map.of("error", "The email or password is not right. Check both and try "
                        + "again."));
                return;
            }
            throttle.succeeded(email);
            // A new session for every sign-in: a token planted before it is worth nothing after.
            sessions.end(SessionCookies.read(ctx, SessionCookies.SESSION));
            Sessions.Started started = sessions.start(owner.get());
            SessionCookies.set(ctx, SessionCookies.SESSION, started.token(), Sessions.LIFETIME);
            SessionCookies.clear(ctx, SessionCookies.SIGN_IN);
            Redirects.seeOther(ctx, AccountPages.PATH);
        } catch (RuntimeException e) {
            pages.unexpected(ctx, e);
        }
    }

    /** Tells the browser how long the throttle refuses (Retry-After), and a person in whole minutes: "15 minutes". */
    static String waitFor(Context ctx, Duration refused) {
        ctx.header("Retry-After", String.valueOf(refused.toSeconds() + 1));
        long minutes = Math.max(1, (refused.toSeconds() + 59) / 60);
        return minutes + (minutes == 1 ? " minute" : " minutes");
    }

    /** The sign-in page with a fresh form token, set in a cookie too: the post must bring both, and equal. */
    private void render(Context ctx, int status, String email, Map<String, Object> extra) {
        String formToken = tokens.next();
        SessionCookies.set(ctx, SessionCookies.SIGN_IN, formToken, SIGN_IN_FORM_LIFETIME);
        Map<String, Object> model = Pages.model("csrf", formToken, "email", email);
        model.putAll(extra);
        Notice.of(ctx.queryParam("notice")).ifPresent(notice -> model.put("notice", notice.text()));
        ctx.status(status).html(templates.render("sign-in", model));
    }
}
