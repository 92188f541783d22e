package dev.parley.crypto;

import java.security.SecureRandom;

/** App tokens: public identifiers of an app for v1.1 clients, 25 lowercase letters and digits (129 random bits). */
public final class AppTokenGenerator {
    private static final char[] ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz".toCharArray();
    private static final int LENGTH = 25;

    private final SecureRandom random;

    public AppTokenGenerator(SecureRandom random) {
        this.random = random;
    }

    public String next() {
        char[] token = new char[LENGTH];
        for (int i = 0; i < LENGTH; i++) {
            token[i] = ALPHABET[random.nextInt(ALPHABET.length)];
        }
        return new String(token);
    }
}
