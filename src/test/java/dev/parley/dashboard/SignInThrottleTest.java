package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

/** The throttle's windows, on a clock the test moves. */
class SignInThrottleTest {
    private final MovableClock clock = new MovableClock();
    private final SignInThrottle throttle = new SignInThrottle(clock, 3, 5, Duration.ofMinutes(15));

    @Test
    void refusesAnEmailAtItsLimitUntilTheWindowEnds() {
        for (int i = 0; i < 3; i++) {
            assertThat(throttle.refusal("a@x.example", "10.0.0.1")).isEmpty();
            throttle.failed("a@x.example", "10.0.0.1");
            clock.advance(Duration.ofMinutes(1));
        }
        assertThat(throttle.refusal("A@X.example ", "10.0.0.2")).contains(Duration.ofMinutes(12));
        assertThat(throttle.refusal("b@x.example", "10.0.0.1")).isEmpty();
        clock.advance(Duration.ofMinutes(12));
        assertThat(throttle.refusal("a@x.example", "10.0.0.1")).as("the window is over").isEmpty();
        throttle.failed("a@x.example", "10.0.0.1");
        assertThat(throttle.refusal("a@x.example", "10.0.0.3")).as("a new window starts at one").isEmpty();
    }

    @Test
    void refusesAnAddressAtItsLimitWhateverTheEmail() {
        for (int i = 0; i < 5; i++) {
            throttle.failed("user" + i + "@x.example", "10.0.0.9");
        }
        assertThat(throttle.refusal("new@x.example", "10.0.0.9")).isPresent();
        assertThat(throttle.refusal("new@x.example", "10.0.0.8")).isEmpty();
    }

    @Test
    void aSuccessClearsTheEmailButNotTheAddress() {
        for (int i = 0; i < 2; i++) {
            throttle.failed("a@x.example", "10.0.0.1");
        }
        throttle.succeeded("a@x.example");
        for (int i = 0; i < 2; i++) {
            throttle.failed("a@x.example", "10.0.0.1");
        }
        assertThat(throttle.refusal("a@x.example", "10.0.0.7")).isEmpty();
        throttle.failed("a@x.example", "10.0.0.1");
        assertThat(throttle.refusal("anyone@x.example", "10.0.0.1")).as("five from the address").isPresent();
    }

    private static final class MovableClock extends Clock {
        private Instant now = Instant.parse("2026-01-01T00:00:00Z");

        void advance(Duration duration) {
            now = now.plus(duration);
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
