package dev.parley.http;

import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * Per-request housekeeping before any route runs: a request id (the client's X-Request-Id when it is sane, else a
 * new one) echoed in the response and put in the logs, and the security headers every response carries.
 */
public final class RequestContext {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestContext() {
    }

    public static void begin(Context ctx) {
        String requestId = ctx.header(REQUEST_ID_HEADER);
        if (requestId == null || !requestId.matches("[A-Za-z0-9._:-]{1,64}")) {
            requestId = newRequestId();
        }
        ctx.attribute(REQUEST_ID_HEADER, requestId);
        MDC.put("requestId", requestId);
        ctx.header(REQUEST_ID_HEADER, requestId);
        SecurityHeaders.forEach(ctx::header);
    }

    public static String newRequestId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID_HEADER);
        return id == null ? "-" : id;
    }
}
