package dev.parley.auth;

import dev.parley.api.ApiException;
import java.util.function.Supplier;

/** The access policy's answer. A resource of another account is {@link #NOT_FOUND}, never {@link #FORBIDDEN}. */
public enum Decision {
    ALLOW,
    FORBIDDEN,
    NOT_FOUND;

    /** Returns when allowed; otherwise throws 403 or the resource's own 404. */
    public void enforce(Supplier<ApiException> notFound) {
        switch (this) {
            case ALLOW -> {
            }
            case FORBIDDEN -> throw ApiException.forbidden("The credentials used do not allow this request");
            case NOT_FOUND -> throw notFound.get();
        }
    }
}
