package dev.parley.dashboard;

import dev.parley.keys.KeyView;
import dev.parley.http.RequestContext;
import dev.parley.accounts.Account;
import dev.parley.accounts.AccountService;
import dev.parley.api.ApiException;
import dev.parley.auth.ApiKey;
import dev.parley.http.ErrorMapping;
import io.javalin.http.Context;
import java.util.function.Consumer;
import java.util.function.Predicate;
import io.javalin.http.Handler;
import io.javalin.http.HandlerType;
import java.util.HashMap;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What every signed-in page shares: the session check, the CSRF check of every form, the layout's model (account,
 * owner, the token for the sign-out form) and readable error pages instead of the API's JSON.
 */
final class Pages {
    private static final Logger LOG = LoggerFactory.getLogger(Pages.class);
    static final String SIGN_IN = "/dashboard/sign-in";

    private final Sessions sessions;
    private final Templates templates;
    private final AccountService accounts;

    Pages(Sessions sessions, Templates templates, AccountService accounts) {
        this.sessions = sessions;
        this.templates = templates;
        this.accounts = accounts;
    }

    /** A page to read: only for a signed-in owner; anyone else goes to the sign-in page. */
    Handler view(PageHandler handler) {
        return ctx -> {
            Visit visit = visit(ctx);
            if (visit == null) {
                Redirects.seeOther(ctx, SIGN_IN);
                return;
            }
            run(ctx, visit, handler);
        };
    }

    /**
     * A form post that changes something: it needs a live session and the session's CSRF token in the form, or it
     * changes nothing. Without a session it goes to sign-in; with a wrong or missing token it is refused with 403.
     */
    Handler action(PageHandler handler) {
        return ctx -> {
            Visit visit = visit(ctx);
            if (visit == null) {
                Redirects.seeOther(ctx, SIGN_IN);
                return;
            }
            if (!SessionTokens.matches(visit.session().csrfToken(), ctx.formParam(Forms.CSRF_FIELD))) {
                error(ctx, visit, 403, "This form could not be accepted",
                        "It did not come from this dashboard, or it was opened before you last signed in. "
                                + "Nothing was changed. Go back, reload the page and try again.");
                return;
            }
            run(ctx, visit, handler);
        };
    }

    /**
     * Renders a page inside the layout, with the account and the owner the header shows, and, when this page is
     * read, the new key a form kept for it (shown this once; an error page leaves it kept).
     */
    void render(Context ctx, int status, Visit visit, String template, Map<String, Object> model) {
        Map<String, Object> full = new HashMap<>(model);
        full.put("owner", visit.session());
        full.put("csrf", visit.session().csrfToken());
        full.computeIfAbsent("account", key -> accounts.get(visit.principal()));
        Notice.of(ctx.queryParam("notice")).ifPresent(notice -> full.putIfAbsent("notice", notice.text()));
        if (status == 200 && ctx.method() == HandlerType.GET) {
            sessions.takeNewKey(visit.session(), ctx.path()).ifPresent(key -> full.put("newKey", key));
        }
        ctx.status(status).html(templates.render(template, full));
    }

    void render(Context ctx, Visit visit, String template, Map<String, Object> model) {
        render(ctx, 200, visit, template, model);
    }

    /**
     * After a form made a key: keeps it with the session for {@code page} and redirects there, where its secret is
     * shown once. The secret is in no URL and no cookie, and a reload of either page shows or makes nothing.
     */
    void showNewKeyOnce(Context ctx, Visit visit, String page, ApiKey key) {
        sessions.keepNewKey(visit.session(), page, KeyView.of(key));
        Redirects.seeOther(ctx, page);
    }

    /**
     * Runs what a form asks. An error it meets is shown next to the form by {@code shownWithForm}, except when the
     * page's own record is gone ({@code pageGone}, such as its 404): then the whole page is the error page.
     */
    static void submit(Runnable action, Predicate<ApiException> pageGone, Consumer<ApiException> shownWithForm) {
        try {
            action.run();
        } catch (ApiException e) {
            if (pageGone.test(e)) {
                throw e;
            }
            shownWithForm.accept(e);
        }
    }

    /** For a form on a record's page: the record's 404 is the page's. */
    static final Predicate<ApiException> RECORD_GONE = e -> e.status() == 404;

    /** For a form on a list page, which has no record of its own to lose. */
    static final Predicate<ApiException> NO_RECORD = e -> false;

    /** An error page, with the layout when the owner is known. */
    void error(Context ctx, Visit visit, int status, String title, String detail) {
        Map<String, Object> model = new HashMap<>();
        model.put("status", status);
        model.put("title", title);
        model.put("detail", detail);
        if (visit == null) {
            ctx.status(status).html(templates.render("error", model));
        } else {
            render(ctx, status, visit, "error", model);
        }
    }

    private Visit visit(Context ctx) {
        return sessions.find(SessionCookies.read(ctx, SessionCookies.SESSION))
                .map(session -> new Visit(session, RequestContext.origin(ctx)))
                .orElse(null);
    }

    private void run(Context ctx, Visit visit, PageHandler handler) {
        try {
            handler.handle(ctx, visit);
        } catch (ApiException e) {
            String title = e.status() == 404 ? "Not found" : e.status() == 403 ? "Not allowed" : "That did not work";
            error(ctx, visit, e.status(), title, ErrorMessages.of(e));
        } catch (Exception e) {
            unexpected(ctx, e);
        }
    }

    /** Like the API: no detail to the browser, exception types only in the log. */
    void unexpected(Context ctx, Exception e) {
        if (ErrorMapping.isDatabaseUnavailable(e)) {
            LOG.warn("database unavailable: {}", ErrorMapping.causeChain(e));
            error(ctx, null, 503, "Parley cannot reach its database",
                    "Nothing was changed. Try again in a moment.");
        } else {
            LOG.error("unexpected failure: {}", ErrorMapping.causeChain(e));
            error(ctx, null, 500, "Something went wrong on our end", "Try again; if it keeps failing, tell your "
                    + "Parley operator the time it happened.");
        }
    }

    static Map<String, Object> model(Object... pairs) {
        Map<String, Object> model = new HashMap<>();
        for (int i = 0; i < pairs.length; i += 2) {
            if (pairs[i + 1] != null) {
                model.put((String) pairs[i], pairs[i + 1]);
            }
        }
        return model;
    }

    Account account(Visit visit) {
        return accounts.get(visit.principal());
    }
}
