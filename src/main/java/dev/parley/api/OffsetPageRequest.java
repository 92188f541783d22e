package dev.parley.api;

/** v1.1 pagination: {@code limit} from 1 to 100 (default 25) and {@code offset} from 0 (default 0). */
public record OffsetPageRequest(int limit, int offset) {
    public static final int DEFAULT_LIMIT = 25;
    public static final int MAX_LIMIT = 100;

    /** Checks the parameters as given in a query string (each null when absent). */
    public static OffsetPageRequest of(String limitText, String offsetText) {
        return new OffsetPageRequest(
                number(limitText, "limit", 1, MAX_LIMIT, DEFAULT_LIMIT),
                number(offsetText, "offset", 0, Integer.MAX_VALUE, 0));
    }

    private static int number(String text, String name, int min, int max, int fallback) {
        if (text == null) {
            return fallback;
        }
        if (text.matches("[0-9]{1,10}")) {
            long value = Long.parseLong(text);
            if (value >= min && value <= max) {
                return (int) value;
            }
        }
        throw ApiException.badRequest("Invalid query parameters: " + name + " must be an integer from " + min
                + (max == Integer.MAX_VALUE ? " up" : " to " + max));
    }
}
