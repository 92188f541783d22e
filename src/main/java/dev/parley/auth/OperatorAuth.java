package dev.parley.auth;

import dev.parley.crypto.ConstantTime;
import dev.parley.api.ApiException;
import dev.parley.http.RequestContext;
import dev.parley.ratelimit.RateLimits;
import io.javalin.http.Context;

/**
 * Guards the operator API: {@code Authorization: Bearer <operator token>}, compared in constant time; failed
 * attempts count towards the address's limit of failed authentications.
 */
public final class OperatorAuth {
    private final String operatorToken;
    private final RateLimits rateLimits;

    public OperatorAuth(String operatorToken, RateLimits rateLimits) {
        this.operatorToken = operatorToken;
        this.rateLimits = rateLimits;
    }

    public void check(Context ctx) {
        String client = RequestContext.clientAddress(ctx);
        rateLimits.checkFailedAuthentications(client);
        try {
            check(ctx.header("Authorization"));
        } catch (ApiException unauthorized) {
            rateLimits.recordFailedAuthentication(client);
            throw unauthorized;
        }
    }

    private void check(String authorization) {
        if (authorization == null || authorization.isBlank()) {
            throw ApiException.unauthorized("Authorization is required: Bearer <operator token>");
        }
        boolean bearer = authorization.regionMatches(true, 0, "Bearer ", 0, 7);
        if (!bearer || !ConstantTime.equals(operatorToken, authorization.substring(7).strip())) {
            throw ApiException.unauthorized("Invalid operator token");
        }
    }
}
