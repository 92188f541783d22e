package dev.parley.crypto;

import java.math.BigInteger;
import java.security.SecureRandom;
import java.time.Clock;

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
     * A new id above {@code floor} (an id, or null for none): a fresh one, or when another process's ids of the
     * same second sort above this one's, the id just after {@code floor}. For records that must keep one order
     * across servers, with their floor read under a lock.
     */
    public String nextAbove(String floor) {
        String id = next();
        if (floor == null || id.compareTo(floor) > 0) {
            return id;
        }
        String above = new BigInteger(floor, 16).add(BigInteger.ONE).toString(16);
        return "0".repeat(24 - above.length()) + above;
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
        char[] out = new char[24];
        writeHex(out, 0, secondsNow, 4);
        for (int i = 0; i < processUnique.length; i++) {
            out[8 + 2 * i] = HEX[(processUnique[i] >> 4) & 0xF];
            out[9 + 2 * i] = HEX[processUnique[i] & 0xF];
        }
        writeHex(out, 18, count, 3);
        return new String(out);
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
