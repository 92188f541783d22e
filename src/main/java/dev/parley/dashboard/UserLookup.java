package dev.parley.dashboard;

import dev.parley.api.ApiException;
import dev.parley.auth.Principal;
import dev.parley.users.User;
import dev.parley.users.UserService;
import io.javalin.http.Context;
import java.util.Objects;
import java.util.Optional;

/** A user asked for by id or external id in a search field ({@code ?user=}), as the API's user routes find one. */
record UserLookup(String wanted) {

    static UserLookup of(Context ctx) {
        return new UserLookup(Objects.requireNonNullElse(ctx.queryParam("user"), "").strip());
    }

    boolean asked() {
        return !wanted.isEmpty();
    }

    /** The user, or empty when the app has none with that id or external id; other errors are the page's. */
    Optional<User> find(UserService users, Principal caller, String appId) {
        try {
            return Optional.of(users.get(caller, appId, wanted));
        } catch (ApiException e) {
            if ("user_not_found".equals(e.code())) {
                return Optional.empty();
            }
            throw e;
        }
    }

    String notFound() {
        return "No user of this app has the id or external id “" + wanted + "”.";
    }
}
