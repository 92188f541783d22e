package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import com.github.benmanes.caffeine.cache.Caffeine;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import org.junit.jupiter.api.Test;

class ReadThroughCacheTest {
    private final ReadThroughCache<String, String> cache =
            new ReadThroughCache<>(Caffeine.newBuilder().maximumSize(100).build());
    private final AtomicInteger reads = new AtomicInteger();

    private Function<String, Optional<String>> reading(String value) {
        return key -> {
            reads.incrementAndGet();
            return Optional.ofNullable(value);
        };
    }

    @Test
    void keepsWhatItReadUntilDropped() {
        assertThat(cache.get("a", reading("first"))).contains("first");
        assertThat(cache.get("a", reading("second"))).as("kept").contains("first");
        assertThat(reads).hasValue(1);

        cache.drop("a");
        assertThat(cache.get("a", reading("second"))).contains("second");
        assertThat(reads).hasValue(2);
    }

    @Test
    void keepsNothingForAMiss() {
        assertThat(cache.get("a", reading(null))).isEmpty();
        assertThat(cache.get("a", reading("created"))).contains("created");
        assertThat(reads).hasValue(2);
    }

    @Test
    void doesNotKeepAReadThatADropOvertook() {
        // The read finds the row as it was; a change commits and drops the key before the read returns.
        Optional<String> stale = cache.get("a", key -> {
            reads.incrementAndGet();
            cache.drop("a");
            return Optional.of("before the change");
        });
        assertThat(stale).contains("before the change");
        assertThat(cache.get("a", reading("after the change"))).as("the stale read was not kept")
                .contains("after the change");
        assertThat(reads).hasValue(2);
    }

    @Test
    void aDropOfAnotherKeyAlsoKeepsAnOvertakenReadOut() {
        // Drops by condition cannot tell which keys they would have matched, so any drop counts.
        cache.get("a", key -> {
            cache.dropIf(value -> value.startsWith("x"));
            return Optional.of("stale");
        });
        assertThat(cache.get("a", reading("fresh"))).contains("fresh");
    }

    @Test
    void dropsByConditionAndAll() {
        cache.get("a", reading("keep"));
        cache.get("b", reading("drop"));
        cache.dropIf(value -> value.equals("drop"));
        assertThat(cache.get("a", reading("other"))).contains("keep");
        assertThat(cache.get("b", reading("read again"))).contains("read again");

        cache.dropAll();
        assertThat(cache.get("a", reading("read again"))).contains("read again");
        assertThat(reads).hasValue(4);
    }
}
