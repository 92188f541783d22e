package dev.parley.dashboard;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.DashboardClient;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * Repeated failed sign-ins are refused for a while, per email and per client address. One test per server, since
 * the address here is always 127.0.0.1 and its count carries over between tests.
 */
class SignInThrottleApiTest extends ApiTest {

    @Test
    void refusesSignInsAfterRepeatedFailuresPerEmailThenPerAddress() {
        OwnerFixture target = createOwner(createAccount("Target", null).id());
        OwnerFixture bystander = createOwner(createAccount("Bystander", null).id());

        for (int i = 0; i < SignInThrottle.FAILURES_PER_EMAIL; i++) {
            assertThat(dashboard().signIn(target.email(), "wrong password " + i).status()).isEqualTo(401);
        }
        DashboardClient.Page refused = dashboard().signIn(target.email(), target.password());
        assertThat(refused.status()).as("even the right password waits").isEqualTo(429);
        assertThat(refused.body()).contains("Too many failed sign-ins").contains("try again in 15 minutes");
        assertThat(refused.setCookie("parley_session")).isNull();
        assertThat(Integer.parseInt(refused.headers().firstValue("Retry-After").orElseThrow()))
                .isBetween(14 * 60, 15 * 60 + 1);
        assertThat(dashboard().signIn(target.email().toUpperCase(), target.password()).status())
                .as("the same email in other case").isEqualTo(429);

        assertThat(dashboard().signIn(bystander.email(), bystander.password()).status())
                .as("another email from the same address").isEqualTo(303);

        int failures = SignInThrottle.FAILURES_PER_EMAIL;
        while (failures < SignInThrottle.FAILURES_PER_ADDRESS) {
            assertThat(dashboard().signIn("guess-" + UUID.randomUUID() + "@acme.example", "guess").status())
                    .isEqualTo(401);
            failures++;
        }
        DashboardClient.Page addressRefused = dashboard().signIn(bystander.email(), bystander.password());
        assertThat(addressRefused.status()).as("every email from an address that failed too often").isEqualTo(429);
        assertThat(addressRefused.body()).contains("Too many failed sign-ins");
    }
}
