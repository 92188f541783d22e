package dev.parley.dashboard;

import dev.parley.crypto.ConstantTime;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;

/** Random tokens for session cookies and forms, and the one-way hash under which a session token is stored. */
public final class SessionTokens {
    private static final int TOKEN_BYTES = 32;

    private final SecureRandom random;

    public SessionTokens(SecureRandom random) {
        this.random = random;
    }

    /** 256 random bits as unpadded URL-safe base64: safe in a cookie, a form field and a URL alike. */
    public String next() {
        byte[] bytes = new byte[TOKEN_BYTES];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** The SHA-256 of the token as 64 hex characters; a plain hash suffices, as the token is 256 random bits. */
    public static String hash(String token) {
        try {
            return HexFormat.of().formatHex(
                    MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is unavailable in this JVM", e);
        }
    }

    /** Whether a token given with a request is the expected one, compared in constant time. */
    public static boolean matches(String expected, String given) {
        return expected != null && given != null && !given.isEmpty() && ConstantTime.equals(expected, given);
    }
}
