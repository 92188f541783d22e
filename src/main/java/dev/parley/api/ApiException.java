package dev.parley.api;

/** An error answered in the API's error shape: {@code {"errors":[{"code","title"}]}} with its status. */
public final class ApiException extends RuntimeException {
    private final int status;
    private final String code;
    private final long retryAfterSeconds;

    public ApiException(int status, String code, String title) {
        this(status, code, title, 0);
    }

    private ApiException(int status, String code, String title, long retryAfterSeconds) {
        super(title, null, false, false);
        this.status = status;
        this.code = code;
        this.retryAfterSeconds = retryAfterSeconds;
    }

    /** A 429, whose response tells the client how many seconds to wait (Retry-After). */
    public static ApiException tooManyRequests(String title, long retryAfterSeconds) {
        return new ApiException(429, "too_many_requests", title, retryAfterSeconds);
    }

    /** Seconds the client should wait before trying again; 0 when the error says nothing about it. */
    public long retryAfterSeconds() {
        return retryAfterSeconds;
    }

    public int status() {
        return status;
    }

    public String code() {
        return code;
    }

    public String title() {
        return getMessage();
    }

    public static ApiException badRequest(String title) {
        return new ApiException(400, "bad_request", title);
    }

    public static ApiException unauthorized(String title) {
        return new ApiException(401, "unauthorized", title);
    }

    public static ApiException paymentRequired(String title) {
        return new ApiException(402, "payment_required", title);
    }

    public static ApiException forbidden(String title) {
        return new ApiException(403, "forbidden", title);
    }

    public static ApiException notFound(String title) {
        return new ApiException(404, "not_found", title);
    }

    public static ApiException conflict(String title) {
        return new ApiException(409, "conflict", title);
    }

    public static ApiException appNotFound() {
        return new ApiException(404, "app_not_found", "App not found");
    }

    /** A 503: the database cannot be reached. */
    public static ApiException databaseUnavailable() {
        return new ApiException(503, "service_unavailable", "The database is unavailable; try again shortly");
    }
}
