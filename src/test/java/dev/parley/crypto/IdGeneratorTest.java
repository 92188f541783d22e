package dev.parley.crypto;

import dev.parley.auth.KeyKind;
import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.Set;
import java.util.List;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

class IdGeneratorTest {

    @Test
    void idsAreTwentyFourLowercaseHexWithTheCreationSecondFirst() {
        Instant now = Instant.parse("2026-11-25T12:00:00Z");
        IdGenerator ids = new IdGenerator(Clock.fixed(now, ZoneOffset.UTC), new SecureRandom());
        String id = ids.next();
        assertThat(id).matches("[0-9a-f]{24}");
        assertThat(Long.parseLong(id.substring(0, 8), 16)).isEqualTo(now.getEpochSecond());
        assertThat(KeyKind.APP.newId(ids)).matches("app_[0-9a-f]{24}");
        assertThat(KeyKind.ofKeyId(KeyKind.SERVICE_ACCOUNT.newId(ids))).isEqualTo(KeyKind.SERVICE_ACCOUNT);
        assertThat(KeyKind.ofKeyId("app_" + id.toUpperCase())).isNull();
        assertThat(KeyKind.ofKeyId("int_" + id)).isEqualTo(KeyKind.INTEGRATION);
        assertThat(KeyKind.ofKeyId("usr_" + id)).isNull();
    }

    @Test
    void idsStrictlyIncreaseEvenWhenTheCounterWrapsWithinOneSecond() {
        IdGenerator ids = new IdGenerator(Clock.fixed(Instant.parse("2026-11-25T12:00:00Z"), ZoneOffset.UTC),
                new SecureRandom());
        String previous = ids.next();
        for (int i = 0; i < 0x1000000 + 10; i++) {
            String next = ids.next();
            if (next.compareTo(previous) <= 0) {
                throw new AssertionError(next + " does not follow " + previous + " at " + i);
            }
            previous = next;
        }
    }

    @Test
    void idsFromManyThreadsAreUniqueAndEachThreadSeesThemIncrease() throws Exception {
        IdGenerator ids = new IdGenerator();
        ConcurrentLinkedQueue<String> all = new ConcurrentLinkedQueue<>();
        try (ExecutorService pool = Executors.newFixedThreadPool(8)) {
            for (int t = 0; t < 8; t++) {
                pool.submit(() -> {
                    List<String> mine = new ArrayList<>();
                    for (int i = 0; i < 10_000; i++) {
                        mine.add(ids.next());
                    }
                    assertThat(mine).isSorted();
                    all.addAll(mine);
                    return null;
                }).get();
            }
        }
        assertThat(all).doesNotHaveDuplicates().hasSize(80_000);
    }

    @Test
    void idsAboveAnotherServersFloorStayAboveItAndNeverCollideWithThatServersOwnIds() {
        Clock clock = Clock.fixed(Instant.parse("2026-12-06T18:00:00Z"), ZoneOffset.UTC);
        IdGenerator high = new IdGenerator(clock, fixedBytes((byte) 0xf0));
        IdGenerator low = new IdGenerator(clock, fixedBytes((byte) 0x10));
        Set<String> made = new HashSet<>();
        String floor = null;
        for (int i = 0; i < 200; i++) {
            // Two servers take turns on one conversation's sequence, each also making other records meanwhile.
            IdGenerator writer = i % 2 == 0 ? high : low;
            String next = writer.nextAbove(floor);
            if (floor != null) {
                assertThat(next).isGreaterThan(floor);
            }
            assertThat(made.add(next)).as("%s made twice", next).isTrue();
            assertThat(made.add(high.next())).isTrue();
            assertThat(made.add(low.next())).isTrue();
            floor = next;
        }
    }

    /** A SecureRandom whose bytes are all one value: the process's five bytes, chosen by the test. */
    private static SecureRandom fixedBytes(byte value) {
        return new SecureRandom() {
            @Override
            public void nextBytes(byte[] bytes) {
                Arrays.fill(bytes, value);
            }

            @Override
            public int nextInt(int bound) {
                return 0;
            }
        };
    }
}
