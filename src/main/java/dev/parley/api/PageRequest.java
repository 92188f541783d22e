package dev.parley.api;

import dev.parley.crypto.IdGenerator;

/**
 * Cursor pagination parameters: {@code page[after]} or {@code page[before]} (a record id, at most one of them),
 * and {@code page[size]} from 1 to 100, default 25.
 */
public record PageRequest(String after, String before, int size) {
    public static final int DEFAULT_SIZE = 25;
    public static final int MAX_SIZE = 100;

    /**
     * Checks the parameters as given in a query string (each null when absent).
     *
     * @param idPrefix what the records' ids start with before their 24 hex characters (key ids carry their kind's
     *                 prefix), or empty
     */
    public static PageRequest of(String after, String before, String sizeText, String idPrefix) {
        if (after != null && before != null) {
            throw ApiException.badRequest("Invalid page query parameters: use only one of page[after] and page[before]");
        }
        checkCursor("page[after]", after, idPrefix);
        checkCursor("page[before]", before, idPrefix);
        int size = DEFAULT_SIZE;
        if (sizeText != null) {
            if (!sizeText.matches("[0-9]{1,3}") || Integer.parseInt(sizeText) < 1
                    || Integer.parseInt(sizeText) > MAX_SIZE) {
                throw ApiException.badRequest("Invalid page query parameters: page[size] must be an integer from 1 to "
                        + MAX_SIZE);
            }
            size = Integer.parseInt(sizeText);
        }
        return new PageRequest(after, before, size);
    }

    private static void checkCursor(String name, String value, String idPrefix) {
        if (value != null && !(value.startsWith(idPrefix) && isId(value.substring(idPrefix.length())))) {
            throw ApiException.badRequest("Invalid page query parameters: " + name + " must be a record id: "
                    + (idPrefix.isEmpty() ? "" : idPrefix + " followed by ") + "24 lowercase hex characters");
        }
    }

    private static boolean isId(String text) {
        return IdGenerator.isId(text);
    }

    public boolean backwards() {
        return before != null;
    }
}
