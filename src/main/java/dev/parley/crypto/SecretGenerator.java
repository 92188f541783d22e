package dev.parley.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/** Key secrets: 256 bits from a secure random source, as unpadded URL-safe base64 (43 characters). */
public final class SecretGenerator {
    private static final int SECRET_BYTES = 32;

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    public SecretGenerator() {
        this(new SecureRandom());
    }

    public String next() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
