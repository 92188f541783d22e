package dev.parley.crypto;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/** Comparisons of secrets whose running time does not depend on where the inputs differ. */
public final class ConstantTime {
    private ConstantTime() {
    }

    public static boolean equals(String expected, String given) {
        if (expected == null || given == null) {
            return false;
        }
        // MessageDigest.isEqual takes time in proportion to its first argument's length only, whatever the bytes:
        // given first, the time tells a caller nothing but the length of what it sent.
        return MessageDigest.isEqual(given.getBytes(StandardCharsets.UTF_8), expected.getBytes(StandardCharsets.UTF_8));
    }
}
