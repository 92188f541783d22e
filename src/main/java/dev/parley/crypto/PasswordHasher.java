package dev.parley.crypto;

import java.util.concurrent.Semaphore;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;

/**
 * Owner passwords as Argon2id hashes (BouncyCastle underneath, through Spring Security's encoder), in the PHC string
 * form {@code $argon2id$v=19$m=19456,t=2,p=1$salt$hash}. The parameters are OWASP's recommended minimum.
 *
 * <p>Each hash takes 19 MiB of heap for a moment, so only a few run at once: a burst of sign-ins waits its turn
 * instead of exhausting a server that runs in 256 MiB.
 */
public final class PasswordHasher {
    private static final int SALT_BYTES = 16;
    private static final int HASH_BYTES = 32;
    private static final int PARALLELISM = 1;
    private static final int MEMORY_KIB = 19 * 1024;
    private static final int ITERATIONS = 2;
    private static final int CONCURRENT_HASHES = 4;

    private final Argon2PasswordEncoder encoder =
            new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
    private final Semaphore permits = new Semaphore(CONCURRENT_HASHES, true);
    // Checked against when no owner has the email given, so that the answer takes as long as for a real one.
    private final String decoy;

    public PasswordHasher() {
        this.decoy = hash(new SecretGenerator().next());
    }

    public String hash(String password) {
        return limited(() -> encoder.encode(password));
    }

    public boolean matches(String password, String storedHash) {
        return limited(() -> encoder.matches(password, storedHash));
    }

    /** Spends the time of a real check and answers false: for sign-ins with an unknown email. */
    public boolean matchesNothing(String password) {
        matches(password, decoy);
        return false;
    }

    private <T> T limited(java.util.function.Supplier<T> work) {
        try {
            permits.acquire();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while waiting to hash a password", e);
        }
        try {
            return work.get();
        } finally {
            permits.release();
        }
    }
}
