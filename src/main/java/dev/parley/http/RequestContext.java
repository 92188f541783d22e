package dev.parley.http;

import dev.parley.api.Origin;
import dev.parley.config.TrustedProxies;
import io.javalin.http.Context;
import java.security.SecureRandom;
import java.util.Collections;
import java.util.List;
import java.util.HexFormat;
import org.slf4j.MDC;

/**
 * Per-request housekeeping before any route runs: a request id (the client's X-Request-Id when it is sane, else a
 * new one) echoed in the response and put in the logs, the client's address, and the security headers every
 * response carries.
 */
public final class RequestContext {
    public static final String REQUEST_ID_HEADER = "X-Request-Id";
    private static final String CLIENT_ADDRESS = "parley.clientAddress";
    private static final String OVER_TLS = "parley.overTls";
    private static final SecureRandom RANDOM = new SecureRandom();

    private RequestContext() {
    }

    /** Forgets the request once its response is written. */
    public static void end(Context ctx) {
        MDC.remove("requestId");
    }

    /** Where the request came from, for the record of what it changes. */
    public static Origin origin(Context ctx) {
        return new Origin(clientAddress(ctx), ctx.attribute(REQUEST_ID_HEADER));
    }

    public static void begin(Context ctx, TrustedProxies proxies) {
        String requestId = saneOrNew(ctx.header(REQUEST_ID_HEADER));
        ctx.attribute(REQUEST_ID_HEADER, requestId);
        String peer = ctx.req().getRemoteAddr();
        boolean behindProxies = proxies != TrustedProxies.NONE;
        String clientAddress = behindProxies ? proxies.clientAddress(peer, headers(ctx, TrustedProxies.FORWARDED_FOR))
                : peer;
        ctx.attribute(CLIENT_ADDRESS, clientAddress);
        ctx.attribute(OVER_TLS, "https".equalsIgnoreCase(ctx.scheme())
                || behindProxies && proxies.forwardedOverTls(peer, headers(ctx, TrustedProxies.FORWARDED_PROTO)));
        MDC.put("requestId", requestId);
        ctx.header(REQUEST_ID_HEADER, requestId);
        SecurityHeaders.forEach(ctx::header);
    }

    private static List<String> headers(Context ctx, String name) {
        return Collections.list(ctx.req().getHeaders(name));
    }

    /** The client's request id when it is sane (letters, digits, {@code ._:-}, at most 64), else a new one. */
    public static String saneOrNew(String requestId) {
        return requestId != null && requestId.matches("[A-Za-z0-9._:-]{1,64}") ? requestId : newRequestId();
    }

    public static String newRequestId() {
        byte[] bytes = new byte[12];
        RANDOM.nextBytes(bytes);
        return HexFormat.of().formatHex(bytes);
    }

    /** The client's address: the TCP peer's, or the one a trusted proxy forwarded (see {@link TrustedProxies}). */
    public static String clientAddress(Context ctx) {
        String address = ctx.attribute(CLIENT_ADDRESS);
        return address == null ? ctx.req().getRemoteAddr() : address;
    }

    /** Whether the client's request came over TLS, to Parley or to a trusted proxy in front of it. */
    public static boolean overTls(Context ctx) {
        Boolean overTls = ctx.attribute(OVER_TLS);
        return overTls != null ? overTls : "https".equalsIgnoreCase(ctx.scheme());
    }

    public static String requestId(Context ctx) {
        String id = ctx.attribute(REQUEST_ID_HEADER);
        return id == null ? "-" : id;
    }
}
