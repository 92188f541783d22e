package dev.parley.messages;

import dev.parley.api.PageRequest;

/**
 * Messages page as upstream's do: backwards from the newest by default, in fixed pages of 100 ({@code page[size]}
 * is ignored), {@code page[before]} towards older messages and {@code page[after]} towards newer ones.
 */
public final class MessagePages {
    public static final int SIZE = 100;
    /** Sorts after every id: the newest page is the page before it. */
    private static final String AFTER_EVERY_ID = "g";

    private MessagePages() {
    }

    /** The page asked for by {@code page[after]} and {@code page[before]} (each null when absent). */
    public static PageRequest of(String after, String before) {
        PageRequest.of(after, before, null, ""); // checks the cursors as every list does; the size is fixed
        return new PageRequest(after, after == null && before == null ? AFTER_EVERY_ID : before, SIZE);
    }

    /** A page of {@code size} messages before the cursor, from the newest when the cursor is null. */
    public static PageRequest newestBefore(String before, int size) {
        return new PageRequest(null, before == null ? AFTER_EVERY_ID : before, size);
    }
}
