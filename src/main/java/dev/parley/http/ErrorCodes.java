package dev.parley.http;

import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.eclipse.jetty.http.HttpStatus;

/**
 * The error code and a plain title for a status, for errors raised outside the routes: by the router, or by Jetty
 * before any route runs. Every status Parley or Jetty can answer has its own entry.
 */
final class ErrorCodes {
    private record Known(String code, String title) {
    }

    private static final Map<Integer, Known> KNOWN = Map.ofEntries(
            Map.entry(400, new Known("bad_request", "The request is malformed")),
            Map.entry(401, new Known("unauthorized", "Authorization is required")),
            Map.entry(402, new Known("payment_required",
                    "Your account has reached the maximum number of apps for your subscription plan")),
            Map.entry(403, new Known("forbidden", "The credentials used do not allow this request")),
            Map.entry(404, new Known("not_found", "Resource not found")),
            Map.entry(405, new Known("method_not_allowed", "This method is not allowed on this resource")),
            Map.entry(408, new Known("request_timeout", "The request took too long to arrive")),
            Map.entry(409, new Known("conflict", "The request conflicts with an existing resource")),
            Map.entry(413, new Known("payload_too_large", "The request is too large")),
            Map.entry(414, new Known("uri_too_long", "The request URI is too long")),
            Map.entry(415, new Known("unsupported_media_type",
                    "Request bodies must be sent with Content-Type: application/json")),
            Map.entry(417, new Known("expectation_failed",
                    "Expect: 100-continue is the only expectation this server meets")),
            Map.entry(426, new Known("upgrade_required",
                    "This server speaks HTTP/1.1, not HTTP/2; send the request in HTTP/1.1")),
            Map.entry(429, new Known("too_many_requests", "Too many requests; try again later")),
            Map.entry(431, new Known("request_header_fields_too_large", "The request headers are too large")),
            Map.entry(500, new Known("internal_error", "Something went wrong on our end")),
            Map.entry(503, new Known("service_unavailable",
                    "The service is unavailable (it may be stopping); try again shortly")),
            Map.entry(505, new Known("http_version_not_supported",
                    "This HTTP version is not supported; send the request in HTTP/1.1")));

    private ErrorCodes() {
    }

    static String codeFor(int status) {
        return known(status).code();
    }

    static String titleFor(int status) {
        return known(status).title();
    }

    /** The statuses with an entry of their own. */
    static Set<Integer> statuses() {
        return KNOWN.keySet();
    }

    /**
     * A status without an entry (none Parley answers today) still says what happened, in HTTP's own words; only a
     * status HTTP gives no meaning falls back to the generic error of its class.
     */
    private static Known known(int status) {
        Known known = KNOWN.get(status);
        if (known != null) {
            return known;
        }
        HttpStatus.Code standard = HttpStatus.getCode(status);
        if (standard != null && (standard.isClientError() || standard.isServerError())) {
            String reason = standard.getMessage();
            return new Known(reason.toLowerCase(Locale.ROOT).replace("'", "").replaceAll("[^a-z0-9]+", "_"), reason);
        }
        return KNOWN.get(status >= 500 ? 500 : 400);
    }
}
