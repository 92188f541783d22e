package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.ApiTest;
import dev.parley.testing.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/** Plan and key limits hold when many requests race for the last slots. */
class LimitsUnderConcurrencyApiTest extends ApiTest {
    private static final int REQUESTS = 48;

    @Test
    void noAccountEndsAboveItsAppLimit() throws Exception {
        AccountFixture account = createAccount("Racing plan", 5);
        Map<Integer, Long> statuses = race(i -> api.post("/v2/apps",
                i % 2 == 0 ? account.basic() : account.jwt(), "{\"displayName\":\"Race " + i + "\"}"));

        assertThat(statuses).containsOnlyKeys(201, 402);
        assertThat(statuses.get(201)).isEqualTo(5);
        assertThat(api.get("/v2/apps?page[size]=100", account.basic()).json().path("apps")).hasSize(5);
        assertThat(api.get("/admin/accounts/" + account.id(), server.operator()).json().at("/account/appCount").asInt())
                .isEqualTo(5);
    }

    @Test
    void noAppEndsAboveTenKeys() throws Exception {
        AccountFixture account = createAccount("Racing keys", null);
        String appId = createApp(account.basic(), "Keys race");
        Map<Integer, Long> statuses = race(i -> api.post("/v2/apps/" + appId + "/keys", account.basic(),
                "{\"displayName\":\"Key " + i + "\"}"));

        assertThat(statuses).containsOnlyKeys(201, 400);
        assertThat(statuses.get(201)).isEqualTo(10);
        assertThat(api.get("/v2/apps/" + appId + "/keys", account.basic()).json().path("keys")).hasSize(10);
    }

    /** Sends the requests all at once and counts the answers by status. */
    private static Map<Integer, Long> race(Function<Integer, Response> request) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        List<Future<Response>> answers = new ArrayList<>();
        try (ExecutorService pool = Executors.newVirtualThreadPerTaskExecutor()) {
            for (int i = 0; i < REQUESTS; i++) {
                int n = i;
                answers.add(pool.submit(() -> {
                    start.await();
                    return request.apply(n);
                }));
            }
            start.countDown();
            List<Integer> statuses = new ArrayList<>();
            for (Future<Response> answer : answers) {
                statuses.add(answer.get().status());
            }
            return statuses.stream().collect(Collectors.groupingBy(s -> s, Collectors.counting()));
        }
    }
}
