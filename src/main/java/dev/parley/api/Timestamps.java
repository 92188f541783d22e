package dev.parley.api;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;

/** Timestamps as every answer carries them: ISO-8601 in UTC with milliseconds, {@code 2026-12-06T13:24:14.123Z}. */
public final class Timestamps {
    private static final DateTimeFormatter FORMAT =
            DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private Timestamps() {
    }

    public static String format(Instant instant) {
        return instant == null ? null : FORMAT.format(instant);
    }

    /**
     * The instant as a timestamp column is to keep it: to the millisecond, as answers carry it. Both databases
     * would keep microseconds, rounding, so a record answered from the instant (formatting truncates) could read
     * back a millisecond later.
     */
    public static java.sql.Timestamp column(Instant instant) {
        return java.sql.Timestamp.from(instant.truncatedTo(ChronoUnit.MILLIS));
    }

    /** A timestamp column's value as answers carry it; null for SQL NULL. */
    public static String format(java.sql.Timestamp timestamp) {
        return timestamp == null ? null : format(timestamp.toInstant());
    }
}
