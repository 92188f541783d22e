package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.parley.config.ParleyConfig;
import dev.parley.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.ResultSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * Database.inRequestTransaction: every transaction and read of the thread joins the request's, and one that fails
 * undoes only its own work, as it would have alone.
 */
class RequestTransactionTest {
    @ParameterizedTest
    @EnumSource(TestDatabase.class)
    void joinedTransactionsCommitAndRollBackWithTheRequest(TestDatabase kind) throws Exception {
        Map<String, String> env = new HashMap<>(kind.freshDatabase());
        env.put("PARLEY_DATA_DIR", Files.createTempDirectory("parley-request-tx-").toString());
        ParleyConfig config = ParleyConfig.from(env);
        try (Database database = Database.connect(config)) {
            database.prepare(config);
            database.withoutTransaction(handle -> handle.execute("CREATE TABLE scratch (id INTEGER PRIMARY KEY)"));

            long seenInside = database.inRequestTransaction(handle -> {
                database.inTransaction(joined -> insert(joined, 1));
                assertThatThrownBy(() -> database.inTransaction(joined -> insert(joined, 2) + insert(joined, 1)))
                        .as("a duplicate key").isNotNull();
                database.withoutTransaction(joined -> insert(joined, 3));
                return database.readDirect(connection -> {
                    try (ResultSet rows = connection.createStatement().executeQuery("SELECT COUNT(*) FROM scratch")) {
                        rows.next();
                        return rows.getLong(1);
                    }
                });
            });
            assertThat(seenInside).as("the request's own writes, read inside it").isEqualTo(2);
            assertThat(ids(database)).as("the failed joined transaction undid only its own row").containsExactly(1, 3);

            assertThatThrownBy(() -> database.inRequestTransaction(handle -> {
                database.inTransaction(joined -> insert(joined, 4));
                database.withoutTransaction(joined -> insert(joined, 5));
                throw new IllegalStateException("the request failed");
            })).hasMessage("the request failed");
            assertThat(ids(database)).as("nothing of the failed request").containsExactly(1, 3);

            database.inTransaction(handle -> insert(handle, 6));
            assertThat(ids(database)).as("after the request, transactions are the thread's own again")
                    .containsExactly(1, 3, 6);
        } finally {
            TestDatabase.dropDatabase(env);
        }
    }

    private static int insert(Handle handle, int id) {
        return handle.execute("INSERT INTO scratch (id) VALUES (?)", id);
    }

    private static List<Integer> ids(Database database) {
        return database.withoutTransaction(handle -> handle.createQuery("SELECT id FROM scratch ORDER BY id")
                .mapTo(Integer.class).list());
    }
}
