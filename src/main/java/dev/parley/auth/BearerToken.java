package dev.parley.auth;

import dev.parley.api.ApiException;
import dev.parley.crypto.ConstantTime;

/** A route guarded by one configured token: {@code Authorization: Bearer <token>}, compared in constant time. */
public final class BearerToken {
    private BearerToken() {
    }

    /**
     * Throws 401 unless the Authorization header carries the expected token.
     *
     * @param name what the token is called in the error, such as "operator token"
     */
    public static void require(String expected, String authorization, String name) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("Authorization is required: Bearer <" + name + ">");
        }
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !ConstantTime.equals(expected, authorization.substring(7).strip())) {
            throw ApiException.unauthorized("Invalid " + name);
        }
    }
}
