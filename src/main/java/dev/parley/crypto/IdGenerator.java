package dev.parley.crypto;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;

/**
 * Record ids laid out like a MongoDB ObjectId: 4 bytes of seconds since the epoch, 5 random bytes chosen once
 * per process, and a 3-byte counter, as 24 lowercase hex characters.
 *
 * <p>Ids from one process strictly increase, so they double as pagination cursors. When the counter wraps within
 * one second the generator borrows the next second rather than going backwards.
 */
public final class IdGenerator {
    private static final int COUNTER_MASK = 0xFFFFFF;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    private final Clock clock;
    private final byte[] processUnique = new byte[5];
    private long seconds;
    private int counter;

    public IdGenerator(Clock clock, SecureRandom random) {
        this.clock = clock;
        random.nextBytes(processUnique);
        this.counter = random.nextInt(COUNTER_MASK / 2);
    }

    public IdGenerator() {
        this(Clock.systemUTC(), new SecureRandom());
    }

    /**
     * A new id above {@code floor} (an id, or null for none), for records that must keep one order across servers,
     * with their floor read under a lock. Usually a fresh id. When another process's id of the same second (or of a
     * later one) is the floor, the new id still carries this process's five bytes and its own counter, so that no
     * other process can ever make it: in the floor's second when this process's bytes sort above the floor's,
     * otherwise in the second after. (The floor's own next id, floor + 1, would be the obvious choice, and another
     * server would make it too.) Such an id lies in the future; it moves only the record's order, never this
     * generator's clock, so only records that follow it under the same lock run ahead, and only while writes
     * alternate between servers faster than once a second.
     */
    public String nextAbove(String floor) {
        String id = next();
        if (floor == null || id.compareTo(floor) > 0) {
            return id;
        }
        long floorSeconds = Long.parseLong(floor.substring(0, 8), 16);
        boolean sortsAboveInItsSecond = processHex().compareTo(floor.substring(8, 18)) > 0;
        int count;
        synchronized (this) {
            counter = (counter + 1) & COUNTER_MASK;
            count = counter;
        }
        return format(sortsAboveInItsSecond ? floorSeconds : floorSeconds + 1, count);
    }

    /** A new id: 24 lowercase hex characters. */
    public String next() {
        long secondsNow;
        int count;
        synchronized (this) {
            secondsNow = Math.max(clock.millis() / 1000, seconds);
            counter = (counter + 1) & COUNTER_MASK;
            if (counter == 0) {
                secondsNow = Math.max(secondsNow, seconds + 1);
            }
            seconds = secondsNow;
            count = counter;
        }
        return format(secondsNow, count);
    }

    private String format(long secondsValue, int count) {
        char[] out = new char[24];
        writeHex(out, 0, secondsValue, 4);
        for (int i = 0; i < processUnique.length; i++) {
            out[8 + 2 * i] = HEX[(processUnique[i] >> 4) & 0xF];
            out[9 + 2 * i] = HEX[processUnique[i] & 0xF];
        }
        writeHex(out, 18, count, 3);
        return new String(out);
    }

    private String processHex() {
        return format(0, 0).substring(8, 18);
    }

    /** The lowest id of the second {@code at} falls in: every id made before that second sorts below it. */
    public static String floorAt(Instant at) {
        return String.format("%08x", at.getEpochSecond()) + "0".repeat(16);
    }

    /** Whether the text has the form of a record id. */
    public static boolean isId(String text) {
        if (text == null || text.length() != 24) {
            return false;
        }
        for (int i = 0; i < 24; i++) {
            char c = text.charAt(i);
            if (!((c >= '0' && c <= '9') || (c >= 'a' && c <= 'f'))) {
                return false;
            }
        }
        return true;
    }

    private static void writeHex(char[] out, int offset, long value, int bytes) {
        for (int i = 0; i < bytes * 2; i++) {
            int shift = (bytes * 2 - 1 - i) * 4;
            out[offset + i] = HEX[(int) ((value >> shift) & 0xF)];
        }
    }
}
