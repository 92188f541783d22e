package dev.parley.dashboard;

import dev.parley.api.ApiException;
import dev.parley.accounts.NewPassword;
import dev.parley.accounts.OwnerService;
import dev.parley.api.ApiException;
import dev.parley.http.RequestContext;
import io.javalin.http.Context;
import io.javalin.router.JavalinDefaultRoutingApi;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

/**
 * The signed-in owner's own password: changed with the current one, which the sign-in throttle guards as it guards
 * sign-in, so a stolen session cookie guesses no faster than the sign-in form allows.
 */
final class PasswordPages {
    private static final String PATH = "/dashboard/account/password";

    private final OwnerService owners;
    private final SignInThrottle throttle;
    private final Pages pages;

    PasswordPages(OwnerService owners, SignInThrottle throttle, Pages pages) {
        this.owners = owners;
        this.throttle = throttle;
        this.pages = pages;
    }

    void addTo(JavalinDefaultRoutingApi routes) {
        routes.get(PATH, pages.view((ctx, visit) -> show(ctx, visit, 200, Map.of())));
        routes.post(PATH, pages.action(this::change));
    }

    private void change(Context ctx, Visit visit) {
        DashboardSession session = visit.session();
        String address = RequestContext.clientAddress(ctx);
        Optional<Duration> refused = throttle.refusal(session.email(), address);
        if (refused.isPresent()) {
            show(ctx, visit, 429, Map.of("currentError", "Too many wrong passwords. For your security, changing "
                    + "the password is paused; try again in " + SignInRoutes.waitFor(ctx, refused.get()) + "."));
            return;
        }
        NewPassword next;
        try {
            next = new NewPassword(Forms.typed(ctx, "password"));
        } catch (ApiException e) {
            show(ctx, visit, e.status(), Map.of("passwordError", ErrorMessages.of(e)));
            return;
        }
        if (!next.value().equals(Forms.typed(ctx, "confirmation"))) {
            show(ctx, visit, 400, Map.of("confirmationError", "The two new passwords are not the same."));
            return;
        }
        OwnerService.PasswordChange outcome = owners.changeOwnPassword(visit.actor(), session.accountId(), session.ownerId(),
                Forms.typed(ctx, "current"), next, session.tokenHash());
        if (outcome == OwnerService.PasswordChange.WRONG_CURRENT_PASSWORD) {
            throttle.failed(session.email(), address);
            show(ctx, visit, 400, Map.of("currentError", "The current password is not right."));
            return;
        }
        throttle.succeeded(session.email());
        Redirects.seeOther(ctx, AccountPages.PATH, Notice.PASSWORD_CHANGED);
    }

    private void show(Context ctx, Visit visit, int status, Map<String, Object> errors) {
        Map<String, Object> model = Pages.model("nav", "account");
        model.putAll(errors);
        pages.render(ctx, status, visit, "password", model);
    }
}
