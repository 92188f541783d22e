package dev.parley.auth;

import dev.parley.crypto.ConstantTime;
import dev.parley.http.ApiException;

/** Guards the operator API: {@code Authorization: Bearer <operator token>}, compared in constant time. */
public final class OperatorAuth {
    private final String operatorToken;

    public OperatorAuth(String operatorToken) {
        this.operatorToken = operatorToken;
    }

    public void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("Authorization is required: Bearer <operator token>");
        }
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !ConstantTime.equals(operatorToken, authorization.substring(7).strip())) {
            throw ApiException.unauthorized("Invalid operator token");
        }
    }
}
