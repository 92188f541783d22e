package dev.parley.dashboard;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

/**
 * Refuses sign-ins for a while after repeated failures: per email, so no one guesses one owner's password, and per
 * client address, so no one sprays guesses across many emails. Each counts failures in a window that starts at the
 * first failure; at the limit, sign-ins are refused (even with the right password) until the window ends.
 *
 * <p>Counters live in this server's memory: several servers behind one address each count on their own, which
 * multiplies an attacker's budget by their number but keeps it small, and the Argon2id cost of every guess stays.
 */
public final class SignInThrottle {
    public static final int FAILURES_PER_EMAIL = 5;
    public static final int FAILURES_PER_ADDRESS = 30;
    public static final Duration WINDOW = Duration.ofMinutes(15);
    private static final long TRACKED = 100_000;
    private static final int MAX_KEY_LENGTH = 300;

    private final Clock clock;
    private final int perEmail;
    private final int perAddress;
    private final Duration window;
    private final Cache<String, Failures> failures;

    private record Failures(Instant since, int count) {
    }

    public SignInThrottle(Clock clock) {
        this(clock, FAILURES_PER_EMAIL, FAILURES_PER_ADDRESS, WINDOW);
    }

    public SignInThrottle(Clock clock, int perEmail, int perAddress, Duration window) {
        this.clock = clock;
        this.perEmail = perEmail;
        this.perAddress = perAddress;
        this.window = window;
        this.failures = Caffeine.newBuilder().maximumSize(TRACKED).expireAfterWrite(window).build();
    }

    /** How long sign-ins for this email from this address stay refused, or empty when they may go ahead. */
    public Optional<Duration> refusal(String email, String address) {
        Instant now = clock.instant();
        Optional<Duration> byEmail = refusal(emailKey(email), perEmail, now);
        Optional<Duration> byAddress = refusal(addressKey(address), perAddress, now);
        if (byEmail.isPresent() && byAddress.isPresent()) {
            return Optional.of(byEmail.get().compareTo(byAddress.get()) > 0 ? byEmail.get() : byAddress.get());
        }
        return byEmail.isPresent() ? byEmail : byAddress;
    }

    public void failed(String email, String address) {
        Instant now = clock.instant();
        count(emailKey(email), now);
        count(addressKey(address), now);
    }

    /** A right password clears the email's count; the address keeps its count, or one account could reset it. */
    public void succeeded(String email) {
        failures.invalidate(emailKey(email));
    }

    private Optional<Duration> refusal(String key, int limit, Instant now) {
        Failures current = failures.getIfPresent(key);
        if (current == null || current.count() < limit) {
            return Optional.empty();
        }
        Duration left = Duration.between(now, current.since().plus(window));
        return left.isNegative() || left.isZero() ? Optional.empty() : Optional.of(left);
    }

    private void count(String key, Instant now) {
        failures.asMap().compute(key, (k, current) -> current == null || !now.isBefore(current.since().plus(window))
                ? new Failures(now, 1)
                : new Failures(current.since(), current.count() + 1));
    }

    private static String emailKey(String email) {
        return "email:" + bounded(email == null ? "" : email.strip().toLowerCase(Locale.ROOT));
    }

    private static String addressKey(String address) {
        return "address:" + bounded(String.valueOf(address));
    }

    private static String bounded(String text) {
        return text.length() > MAX_KEY_LENGTH ? text.substring(0, MAX_KEY_LENGTH) : text;
    }
}
