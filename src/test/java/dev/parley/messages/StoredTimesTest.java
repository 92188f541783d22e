package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import dev.parley.api.PageRequest;
import dev.parley.api.Timestamps;
import dev.parley.config.ParleyConfig;
import dev.parley.crypto.IdGenerator;
import dev.parley.events.Event;
import dev.parley.events.EventLog;
import dev.parley.events.EventOutbox;
import dev.parley.store.Database;
import dev.parley.testing.TestDatabase;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Map;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * A message and an event are answered with the instant they were made at, and read back from the database later:
 * both must show the same millisecond. The databases keep microseconds and round, so an instant in the last half
 * microsecond of a millisecond (as {@code Instant.now()} gives on Linux about once in 2,000 messages) read back a
 * millisecond later than it was answered, until the columns were written to the millisecond.
 */
class StoredTimesTest {
    private static final String APP = "0000000000000000000000a1";
    private static final String CONVERSATION = "0000000000000000000000c1";
    /** Rounds up to the next millisecond at microseconds: .123999900 is .124000. */
    private static final Instant LATE_IN_A_MILLISECOND = Instant.parse("2026-12-06T13:24:14.123999900Z");

    @TempDir
    Path dataDir;

    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void aMessageAndAnEventReadBackTheMillisecondTheyWereAnsweredWith(TestDatabase kind) {
        Map<String, String> env = kind.freshDatabase();
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        ParleyConfig config = ParleyConfig.from(env);
        try (Database database = Database.connect(config)) {
            database.prepare(config);
            Clock clock = Clock.fixed(LATE_IN_A_MILLISECOND, ZoneOffset.UTC);
            EventLog events = new EventLog(new IdGenerator(), clock, EventOutbox.NONE);
            MessageStore messages = new MessageStore();
            Message message = new Message("0000000000000000000000e1", Timestamps.format(clock.instant()),
                    "{\"type\":\"business\"}", "{\"type\":\"text\",\"text\":\"m\"}", "{\"type\":\"api\"}", null);

            Event recorded = database.inTransaction(handle -> {
                handle.execute("INSERT INTO conversations (app_id, id, type, metadata, last_updated_at, "
                        + "last_activity_at, created_at) VALUES (?, ?, 'sdkGroup', '{}', CURRENT_TIMESTAMP, "
                        + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", APP, CONVERSATION);
                messages.insert(handle, APP, CONVERSATION, message, clock.instant());
                return events.record(handle, APP, "user:remove", JsonNodeFactory.instance.objectNode());
            });

            assertThat(message.received()).isEqualTo("2026-12-06T13:24:14.123Z");
            assertThat(recorded.createdAt()).isEqualTo("2026-12-06T13:24:14.123Z");
            database.withoutTransaction(handle -> {
                assertThat(messages.page(handle, APP, CONVERSATION, MessagePages.of(null, null)).items())
                        .containsExactly(message);
                assertThat(events.list(handle, APP, null, new PageRequest(null, null, 10)).items())
                        .containsExactly(recorded);
                return null;
            });
        } finally {
            TestDatabase.dropDatabase(env);
        }
    }
}
