package dev.parley.messages;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.api.PageRequest;
import dev.parley.config.ParleyConfig;
import dev.parley.store.Database;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Parley has no cap on a conversation's messages, so every page of them, the newest included, must be one range
 * of the primary key (app_id, conversation_id, id), never a sort of the conversation's messages read off the
 * foreign key's index (the embedded database chooses by cost, and chose that index for the apps' first page once:
 * see ListQueryPlanTest).
 */
class MessagePageQueryPlanTest {
    private static final String APP = "0000000000000000000000a1";
    private static final String CONVERSATION = "0000000000000000000000c1";
    private static final String SOME_MESSAGE = "0000000000000000000003e7";

    @TempDir
    Path dataDir;

    @Test
    void everyPageOfAConversationsMessagesIsARangeOfThePrimaryKey() {
        ParleyConfig config = ParleyConfig.from(Map.of("PARLEY_DATA_DIR", dataDir.toString()));
        try (Database database = Database.connect(config)) {
            database.prepare(config);
            database.withoutTransaction(handle -> {
                for (String conversation : List.of(CONVERSATION, "0000000000000000000000c2")) {
                    handle.execute("INSERT INTO conversations (app_id, id, type, metadata, last_updated_at, "
                            + "last_activity_at, created_at) VALUES (?, ?, 'sdkGroup', '{}', CURRENT_TIMESTAMP, "
                            + "CURRENT_TIMESTAMP, CURRENT_TIMESTAMP)", APP, conversation);
                }
                handle.execute("INSERT INTO messages (app_id, conversation_id, id, received, author, content, source) "
                        + "SELECT ?, CASE WHEN MOD(r.n, 50) = 0 THEN '0000000000000000000000c2' ELSE ? END, "
                        + "LPAD(LOWER(RAWTOHEX(CAST(r.n AS VARBINARY))), 24, '0'), CURRENT_TIMESTAMP, "
                        + "'{\"type\":\"business\"}', '{\"type\":\"text\",\"text\":\"m\"}', '{\"type\":\"api\"}' "
                        + "FROM SYSTEM_RANGE(1, 30000) AS r(n)", APP, CONVERSATION);
                return null;
            });

            for (PageRequest request : List.of(MessagePages.of(null, null), MessagePages.of(null, SOME_MESSAGE),
                    MessagePages.of(SOME_MESSAGE, null))) {
                String plan = database.withoutTransaction(handle -> handle.createQuery("EXPLAIN "
                                + MessageStore.pageSql(request))
                        .bind("appId", APP)
                        .bind("conversationId", CONVERSATION)
                        .bind("cursor", request.backwards() ? request.before() : request.after())
                        .mapTo(String.class)
                        .one());
                assertThat(plan).as(request + "\n" + plan).containsIgnoringCase("PRIMARY_KEY")
                        .doesNotContainIgnoringCase("CONSTRAINT_INDEX");
            }
        }
    }
}
