package dev.parley.api;

/**
 * Where a change came from, as the audit log records it: the client's address and the request's id; both null
 * for work that no request asked for (background work, start-up).
 */
public record Origin(String clientAddress, String requestId) {
    public static final Origin NONE = new Origin(null, null);
}
