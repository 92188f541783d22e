package dev.parley.crypto;

import java.security.SecureRandom;
import java.util.Base64;

/**
 * Secrets of 256 bits from a secure random source: key secrets as unpadded URL-safe base64 (43 characters), webhook
 * secrets as {@code whsec_} and standard base64, the form Standard Webhooks libraries read.
 */
public final class SecretGenerator {
    private static final int SECRET_BYTES = 32;
    public static final String WEBHOOK_SECRET_PREFIX = "whsec_";

    private final SecureRandom random;

    public SecretGenerator(SecureRandom random) {
        this.random = random;
    }

    public SecretGenerator() {
        this(new SecureRandom());
    }

    public String next() {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(randomBytes());
    }

    /** {@code whsec_} followed by the standard base64 of 32 random bytes (44 characters). */
    public String nextWebhookSecret() {
        return WEBHOOK_SECRET_PREFIX + Base64.getEncoder().encodeToString(randomBytes());
    }

    private byte[] randomBytes() {
        byte[] bytes = new byte[SECRET_BYTES];
        random.nextBytes(bytes);
        return bytes;
    }
}
