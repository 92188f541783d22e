package dev.parley.purge;

import dev.parley.apps.AppStore;
import dev.parley.config.ParleyConfig;
import dev.parley.store.Database;
import dev.parley.testing.ApiTest;
import dev.parley.testing.Polling;
import dev.parley.testing.Response;
import dev.parley.testing.TestServer;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The background purges against a real server's database: the data of deleted apps, messages past their app's
 * retention, expired events and idempotency keys. The test server runs none by itself; each test runs them here, on
 * a pool of its own, as another server sharing the database would.
 */
class PurgeApiTest extends ApiTest {
    private static final Instant NOW = Instant.now();
    private static final Instant LONG_AGO = NOW.minus(Duration.ofDays(30));

    private final List<Database> pools = new ArrayList<>();
    private AppData data;

    @BeforeEach
    void seeder() {
        data = new AppData(server);
    }

    @AfterEach
    void closePools() {
        pools.forEach(Database::close);
    }

    /** A pool of its own on the test server's database, as a second server would have. */
    private Database pool() {
        Database database = Database.connect(ParleyConfig.from(server.env()));
        pools.add(database);
        return database;
    }

    private DeletedAppPurge deletedApps(int batchSize) {
        return new DeletedAppPurge(pool(), Clock.systemUTC(), Duration.ZERO, batchSize);
    }

    private static Map<String, Long> none() {
        Map<String, Long> none = new LinkedHashMap<>();
        AppData.TABLES.forEach(table -> none.put(table, 0L));
        return none;
    }

    private long deletedAppRows(String appId) throws Exception {
        return data.count("SELECT COUNT(*) FROM deleted_apps WHERE app_id = ?", appId);
    }

    @Test
    void aDeletedAppsDataIsReclaimedFromEveryTableAndOtherAppsKeepTheirs() throws Exception {
        AccountFixture account = createAccount("Purged", 5);
        String deleted = createApp(account.basic(), "Deleted");
        String kept = createApp(account.basic(), "Kept");
        data.conversation(deleted, NOW, 3);
        data.conversation(deleted, NOW, 2);
        data.conversation(kept, NOW, 4);
        Map<String, Long> keptBefore = data.counts(kept);

        assertEmptyOk(api.delete("/v2/apps/" + deleted, account.basic()));

        // The deletion answered without touching the data: it is recorded for the purge, unreachable meanwhile.
        assertThat(data.counts(deleted)).containsEntry("messages", 5L).containsEntry("users", 2L)
                .containsEntry("events", 2L).containsEntry("integrations", 2L).containsEntry("webhooks", 2L)
                .containsEntry("switchboards", 1L).containsEntry("switchboard_integrations", 2L);
        assertThat(deletedAppRows(deleted)).isEqualTo(1);
        assertError(api.get("/v2/apps/" + deleted + "/events", account.basic()), 404, "app_not_found");

        new Purges(List.of(deletedApps(Purges.BATCH_SIZE)), new SimpleMeterRegistry()).runOnce();

        assertThat(data.counts(deleted)).isEqualTo(none());
        assertThat(deletedAppRows(deleted)).isZero();
        assertThat(data.counts(kept)).isEqualTo(keptBefore);
    }

    @Test
    void anAccountsDeletionRecordsEachOfItsAppsForThePurge() throws Exception {
        AccountFixture account = createAccount("Closing", 5);
        String first = createApp(account.basic(), "First");
        String second = createApp(account.basic(), "Second");
        data.conversation(first, NOW, 2);
        data.conversation(second, NOW, 2);
        AccountFixture other = createAccount("Staying", 5);
        String otherApp = createApp(other.basic(), "Other");
        data.conversation(otherApp, NOW, 2);

        assertEmptyOk(api.delete("/admin/accounts/" + account.id(), server.operator()));
        assertThat(deletedAppRows(first) + deletedAppRows(second)).isEqualTo(2);
        assertThat(deletedAppRows(otherApp)).isZero();

        new Purges(List.of(deletedApps(Purges.BATCH_SIZE)), new SimpleMeterRegistry()).runOnce();

        assertThat(data.counts(first)).isEqualTo(none());
        assertThat(data.counts(second)).isEqualTo(none());
        assertThat(data.counts(otherApp)).containsEntry("messages", 2L).containsEntry("users", 1L);
    }

    @Test
    void anAppAndItsAccountDeletedAtOnceRecordTheAppOnceAndNeitherFails() throws Exception {
        ExecutorService threads = Executors.newFixedThreadPool(2);
        try {
            for (int round = 0; round < 5; round++) {
                AccountFixture account = createAccount("Both at once " + round, 5);
                String appId = createApp(account.basic(), "Both at once");
                CountDownLatch start = new CountDownLatch(1);
                Future<Response> appDeleted = threads.submit(() -> {
                    start.await();
                    return api.delete("/v2/apps/" + appId, account.basic());
                });
                Future<Response> accountDeleted = threads.submit(() -> {
                    start.await();
                    return api.delete("/admin/accounts/" + account.id(), server.operator());
                });
                start.countDown();

                assertEmptyOk(accountDeleted.get());
                // The app went with its account, or just before it.
                assertThat(appDeleted.get().status()).as(appDeleted.get().toString()).isIn(200, 401, 404);
                assertThat(deletedAppRows(appId)).isEqualTo(1);
            }
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void aDeletedAppIsLeftAloneDuringTheGraceAfterItsDeletion() throws Exception {
        AccountFixture account = createAccount("Grace", 5);
        String appId = createApp(account.basic(), "Just deleted");
        data.conversation(appId, NOW, 2);
        assertEmptyOk(api.delete("/v2/apps/" + appId, account.basic()));

        assertThat(new DeletedAppPurge(pool(), Clock.systemUTC(), Purges.DELETED_APP_GRACE, 1_000).runBatch())
                .isZero();
        assertThat(data.counts(appId)).containsEntry("messages", 2L);
    }

    @Test
    void batchesAreBounded2500RowsTakeThreeBatchesOf1000() throws Exception {
        AccountFixture account = createAccount("Big", 5);
        String appId = createApp(account.basic(), "Big app");
        data.conversation(appId, NOW, 2_500);
        assertEmptyOk(api.delete("/v2/apps/" + appId, account.basic()));
        DeletedAppPurge purge = deletedApps(1_000);

        List<Long> messagesLeft = new ArrayList<>();
        for (int batch = 0; batch < 3; batch++) {
            assertThat(purge.runBatch()).isPositive();
            messagesLeft.add(data.counts(appId).get("messages"));
        }

        assertThat(messagesLeft).containsExactly(1_500L, 500L, 0L);
        assertThat(data.counts(appId)).isEqualTo(none());
        assertThat(deletedAppRows(appId)).isZero();
        assertThat(purge.runBatch()).isZero();
    }

    @Test
    void twoPurgesAtOnceDeleteEachRowOnceAndDoNotFail() throws Exception {
        drainTogether(List.of(deletedApps(Purges.BATCH_SIZE))); // what other tests left, so that the count is ours
        AccountFixture account = createAccount("Concurrent", 10);
        List<String> appIds = new ArrayList<>();
        long rows = 0;
        for (int i = 0; i < 4; i++) {
            String appId = createApp(account.basic(), "Concurrent " + i);
            data.conversation(appId, NOW, 300);
            appIds.add(appId);
            rows += data.counts(appId).values().stream().mapToLong(Long::longValue).sum() + 1;
        }
        for (String appId : appIds) {
            assertEmptyOk(api.delete("/v2/apps/" + appId, account.basic()));
        }
        long deleted = drainTogether(List.of(deletedApps(100), deletedApps(100)));

        assertThat(deleted).as("rows deleted by both, each counted once").isEqualTo(rows);
        for (String appId : appIds) {
            assertThat(data.counts(appId)).isEqualTo(none());
        }
    }

    /**
     * Runs the jobs at once, each on its own thread and pool, batch after batch until none of them finds anything
     * left; answers the rows they deleted in all.
     */
    private static long drainTogether(List<? extends PurgeJob> jobs) throws Exception {
        CountDownLatch start = new CountDownLatch(1);
        ExecutorService threads = Executors.newFixedThreadPool(jobs.size());
        try {
            List<Future<Long>> deleted = new ArrayList<>();
            for (PurgeJob job : jobs) {
                Callable<Long> drain = () -> {
                    start.await();
                    long total = 0;
                    for (int batch = 0, idle = 0; batch < 1_000 && idle < 3; batch++) {
                        int rows = job.runBatch();
                        total += rows;
                        idle = rows == 0 ? idle + 1 : 0;
                    }
                    return total;
                };
                deleted.add(threads.submit(drain));
            }
            start.countDown();
            long total = 0;
            for (Future<Long> future : deleted) {
                total += future.get();
            }
            return total;
        } finally {
            threads.shutdownNow();
        }
    }

    @Test
    void twoRetentionPurgesAtOnceDeleteEachMessageOnceAndDoNotFail() throws Exception {
        drainTogether(List.of(new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), Purges.BATCH_SIZE)));
        AccountFixture account = createAccount("Concurrent retention", 5);
        String appId = createApp(account.basic(), "Retains a minute");
        assertThat(api.patch("/v2/apps/" + appId, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":60}}").status()).isEqualTo(200);
        List<String> conversations = new ArrayList<>();
        for (int i = 0; i < 6; i++) {
            conversations.add(data.conversation(appId, LONG_AGO, 150));
        }

        long deleted = drainTogether(List.of(
                new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), 100),
                new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), 100)));

        assertThat(deleted).as("messages deleted by both, each counted once").isEqualTo(6 * 150);
        for (String conversation : conversations) {
            assertThat(data.messages(appId, conversation)).isZero();
        }
        assertThat(data.counts(appId)).containsEntry("conversations", 6L);
    }

    @Test
    void retentionDeletesTheMessagesOfInactiveConversationsOnly() throws Exception {
        AccountFixture account = createAccount("Retention", 5);
        String appId = createApp(account.basic(), "Retains an hour");
        Response updated = api.patch("/v2/apps/" + appId, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":3600}}");
        assertThat(updated.status()).as(updated.toString()).isEqualTo(200);
        String inactive = data.conversation(appId, NOW.minus(Duration.ofHours(2)), 5);
        String active = data.conversation(appId, NOW.minus(Duration.ofMinutes(10)), 3);
        String keepsAll = createApp(account.basic(), "Keeps everything");
        String unset = data.conversation(keepsAll, LONG_AGO, 2);
        String zero = createApp(account.basic(), "Retention zero");
        assertThat(api.patch("/v2/apps/" + zero, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":0}}").status()).isEqualTo(200);
        String zeroConversation = data.conversation(zero, LONG_AGO, 2);

        MessageRetention retention = new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), 2);
        new Purges(List.of(retention), new SimpleMeterRegistry()).runOnce();

        assertThat(data.messages(appId, inactive)).isZero();
        assertThat(data.messages(appId, active)).isEqualTo(3);
        assertThat(data.counts(appId)).containsEntry("conversations", 2L).containsEntry("participants", 2L)
                .containsEntry("users", 2L);
        assertThat(data.messages(keepsAll, unset)).isEqualTo(2);
        assertThat(data.messages(zero, zeroConversation)).isEqualTo(2);
        assertThat(retention.runBatch()).isZero();
    }

    @Test
    void retentionBatchesAreBounded() throws Exception {
        AccountFixture account = createAccount("Retention batches", 5);
        String appId = createApp(account.basic(), "Retains a minute");
        assertThat(api.patch("/v2/apps/" + appId, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":60}}").status()).isEqualTo(200);
        String conversation = data.conversation(appId, LONG_AGO, 2_500);
        MessageRetention retention = new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), 1_000);

        List<Integer> batches = List.of(retention.runBatch(), retention.runBatch(), retention.runBatch(),
                retention.runBatch());

        assertThat(batches).containsExactly(1_000, 1_000, 500, 0);
        assertThat(data.messages(appId, conversation)).isZero();
    }

    @Test
    void retentionGoesOnAfterTheConversationsItEmptiedUntilARunFindsNothing() throws Exception {
        AccountFixture account = createAccount("Many conversations", 5);
        String appId = createApp(account.basic(), "Retains a minute");
        assertThat(api.patch("/v2/apps/" + appId, account.basic(),
                "{\"settings\":{\"conversationRetentionSeconds\":60}}").status()).isEqualTo(200);
        MessageRetention retention = new MessageRetention(pool(), new AppStore(), Clock.systemUTC(), 1_000);
        drainTogether(List.of(retention)); // what other tests left
        for (int i = 0; i < 150; i++) {
            data.conversation(appId, LONG_AGO.plusSeconds(i), 1);
        }

        // 100 conversations a batch at most; the next batch goes on after those the first emptied.
        assertThat(List.of(retention.runBatch(), retention.runBatch(), retention.runBatch()))
                .containsExactly(100, 50, 0);
        assertThat(data.counts(appId)).containsEntry("messages", 0L);

        // A batch that found nothing forgets where it was: the next finds a conversation before that place.
        String late = data.conversation(appId, LONG_AGO, 2);
        assertThat(List.of(retention.runBatch(), retention.runBatch())).containsExactly(2, 0);
        assertThat(data.messages(appId, late)).isZero();
        assertThat(data.counts(appId)).containsEntry("conversations", 151L);
    }

    @Test
    void webhookDeliveriesGoWithTheirAppAndAfterTheEventRetention() throws Exception {
        AccountFixture account = createAccount("Deliveries", 5);
        String deleted = createApp(account.basic(), "Deleted");
        String kept = createApp(account.basic(), "Kept");
        data.webhookDelivery(deleted, NOW);
        data.webhookDelivery(kept, NOW.minus(Duration.ofDays(8)));
        data.webhookDelivery(kept, NOW.minus(Duration.ofDays(6)));
        assertEmptyOk(api.delete("/v2/apps/" + deleted, account.basic()));

        List<PurgeJob> jobs = new ArrayList<>(List.of(deletedApps(Purges.BATCH_SIZE)));
        jobs.addAll(ExpiredRows.webhookDeliveries(pool(), Clock.systemUTC(), Duration.ofDays(7), Purges.BATCH_SIZE));
        new Purges(jobs, new SimpleMeterRegistry()).runOnce();

        assertThat(data.webhookDeliveryRows(deleted)).isZero();
        assertThat(data.webhookDeliveryRows(kept)).as("the recent delivery and its attempt").isEqualTo(2);
    }

    @Test
    void eventsOlderThanTheRetentionAreDeletedAndRecentOnesKept() throws Exception {
        AccountFixture account = createAccount("Events", 5);
        String appId = createApp(account.basic(), "Events");
        data.event(appId, NOW.minus(Duration.ofDays(8)));
        data.event(appId, NOW.minus(Duration.ofDays(8)));
        data.event(appId, NOW.minus(Duration.ofDays(6)));
        ExpiredRows events = ExpiredRows.events(pool(), Clock.systemUTC(), Duration.ofDays(7), 1);

        // Batches of one row: the old events of other tests' apps may come first.
        assertThat(events.runBatch()).isEqualTo(1);
        new Purges(List.of(events), new SimpleMeterRegistry()).runOnce();
        assertThat(events.runBatch()).isZero();

        Response listed = api.get("/v2/apps/" + appId + "/events", account.basic());
        assertThat(listed.status()).as(listed.toString()).isEqualTo(200);
        assertThat(listed.json().path("events")).hasSize(1);
    }

    @Test
    void idempotencyKeysOlderThan24HoursAreDeleted() throws Exception {
        AccountFixture account = createAccount("Idempotency", 5);
        data.idempotencyKey(account.id(), NOW.minus(Duration.ofHours(25)));
        data.idempotencyKey(account.id(), NOW.minus(Duration.ofHours(23)));

        new Purges(List.of(ExpiredRows.idempotencyKeys(pool(), Clock.systemUTC(), 1_000)), new SimpleMeterRegistry())
                .runOnce();

        assertThat(data.count("SELECT COUNT(*) FROM idempotency_keys WHERE account_id = ?", account.id()))
                .isEqualTo(1);
    }

    @Test
    void aServerRunsThePurgesOnItsOwnAtItsInterval() throws Exception {
        try (TestServer scheduled = new TestServer(database, Map.of("PARLEY_PURGE_INTERVAL", "1",
                "PARLEY_EVENT_RETENTION_DAYS", "1", "PARLEY_WEBHOOK_RETRY_HOURS", "1"))) {
            Response created = scheduled.api().post("/admin/accounts", scheduled.operator(),
                    "{\"displayName\":\"Scheduled\",\"maxApps\":1}");
            String accountId = created.at("/account/id");
            AppData seeded = new AppData(scheduled);
            seeded.idempotencyKey(accountId, NOW.minus(Duration.ofDays(2)));
            String sql = "SELECT COUNT(*) FROM idempotency_keys WHERE account_id = ?";

            long left = Polling.until(() -> {
                try {
                    return seeded.count(sql, accountId);
                } catch (java.sql.SQLException e) {
                    throw new AssertionError(e);
                }
            }, count -> count == 0, Duration.ofSeconds(30));

            assertThat(left).isZero();
        }
    }
}
