package dev.parley.crypto;

import java.util.Arrays;
import java.util.Base64;

/** The 32-byte key that seals every stored secret, given as standard base64. */
public final class MasterKey {
    public static final int BYTES = 32;

    private final byte[] bytes;

    private MasterKey(byte[] bytes) {
        this.bytes = bytes;
    }

    /** Parses standard base64 of exactly 32 bytes, or fails with a message that says how to make one. */
    public static MasterKey parse(String base64) {
        byte[] decoded;
        try {
            decoded = Base64.getDecoder().decode(base64.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(
                    "PARLEY_MASTER_KEY is not standard base64; make one with: head -c 32 /dev/urandom | base64 -w0");
        }
        if (decoded.length != BYTES) {
            throw new IllegalArgumentException("PARLEY_MASTER_KEY must be 32 bytes in base64, but it holds "
                    + decoded.length + " bytes; make one with: head -c 32 /dev/urandom | base64 -w0");
        }
        return new MasterKey(decoded);
    }

    byte[] bytes() {
        return Arrays.copyOf(bytes, bytes.length);
    }

    @Override
    public String toString() {
        return "MasterKey[redacted]";
    }
}
