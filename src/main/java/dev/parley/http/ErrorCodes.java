package dev.parley.http;

/** The error code and a plain title for a status, for errors raised outside the routes. */
final class ErrorCodes {
    private ErrorCodes() {
    }

    static String codeFor(int status) {
        return switch (status) {
            case 400 -> "bad_request";
            case 401 -> "unauthorized";
            case 402 -> "payment_required";
            case 403 -> "forbidden";
            case 404 -> "not_found";
            case 405 -> "method_not_allowed";
            case 408 -> "request_timeout";
            case 409 -> "conflict";
            case 413 -> "payload_too_large";
            case 414 -> "uri_too_long";
            case 415 -> "unsupported_media_type";
            case 429 -> "too_many_requests";
            case 431 -> "request_header_fields_too_large";
            case 503 -> "service_unavailable";
            default -> status >= 500 ? "internal_error" : "bad_request";
        };
    }

    static String titleFor(int status) {
        return switch (status) {
            case 400 -> "The request is malformed";
            case 401 -> "Authorization is required";
            case 402 -> "Your account has reached the maximum number of apps for your subscription plan";
            case 403 -> "The credentials used do not allow this request";
            case 404 -> "Resource not found";
            case 405 -> "This method is not allowed on this resource";
            case 408 -> "The request took too long to arrive";
            case 409 -> "The request conflicts with an existing resource";
            case 413 -> "The request is too large";
            case 414 -> "The request URI is too long";
            case 415 -> "Request bodies must be sent with Content-Type: application/json";
            case 429 -> "Too many requests; try again later";
            case 431 -> "The request headers are too large";
            case 503 -> "The service is unavailable (it may be stopping); try again shortly";
            default -> status >= 500 ? "Something went wrong on our end" : "The request is malformed";
        };
    }
}
