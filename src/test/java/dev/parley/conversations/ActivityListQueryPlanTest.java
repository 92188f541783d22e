package dev.parley.conversations;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.config.ParleyConfig;
import dev.parley.store.Database;
import java.nio.file.Path;
import java.sql.Timestamp;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The dashboard lists an app's conversations most recently active first, and an app has no cap on them: every page
 * must be read off the app's activity index, never a sort of all the app's conversations (the embedded database
 * chooses by cost; see ListQueryPlanTest).
 */
class ActivityListQueryPlanTest {
    private static final String APP = "0000000000000000000000a1";

    @TempDir
    Path dataDir;

    private static String plan(Database database, String sql, ActivityCursor from) {
        String plan = database.withoutTransaction(handle -> handle.createQuery("EXPLAIN " + sql + " LIMIT 21")
                .bind("appId", APP)
                .bind("at", Timestamp.from(from.lastActivityAt()))
                .bind("id", from.conversationId())
                .mapTo(String.class)
                .one());
        return from + "\n" + plan;
    }

    @Test
    void everyPageOfAnAppsConversationsByActivityIsReadOffTheActivityIndex() {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString()));
        try (Database database = Database.connect(config)) {
            database.prepare(config);
            database.withoutTransaction(handle -> {
                handle.execute("INSERT INTO conversations (app_id, id, type, metadata, last_updated_at, "
                        + "last_activity_at, created_at) SELECT CASE WHEN MOD(r.n, 50) = 0 "
                        + "THEN '0000000000000000000000b2' ELSE ? END, "
                        + "LPAD(LOWER(RAWTOHEX(CAST(r.n AS VARBINARY))), 24, '0'), 'sdkGroup', '{}', "
                        + "CURRENT_TIMESTAMP, DATEADD(SECOND, -r.n, CURRENT_TIMESTAMP), CURRENT_TIMESTAMP "
                        + "FROM SYSTEM_RANGE(1, 20000) AS r(n)", APP);
                return null;
            });

            ActivityCursor middle = new ActivityCursor(Instant.now().minusSeconds(5000), "0000000000000000000003e7");
            for (ActivityCursor from : List.of(ActivityCursor.BEFORE_EVERY_PLACE, middle)) {
                assertThat(plan(database, ConversationStore.LESS_RECENTLY_ACTIVE, from))
                        .containsIgnoringCase("conversations_by_app_recent_activity: app_id = ?1")
                        .containsIgnoringCase("/* index sorted */");
            }
            assertThat(plan(database, ConversationStore.MORE_RECENTLY_ACTIVE, middle))
                    .containsIgnoringCase("conversations_by_app_activity: app_id = ?1")
                    .containsIgnoringCase("/* index sorted */");
        }
    }
}
