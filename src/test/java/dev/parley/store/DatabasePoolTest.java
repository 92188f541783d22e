package dev.parley.store;

import static org.assertj.core.api.Assertions.assertThat;

import dev.parley.testing.Api;
import dev.parley.testing.Auth;
import dev.parley.testing.Response;
import dev.parley.testing.TestDatabase;
import dev.parley.testing.TestServer;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Several servers share one PostgreSQL, whose connections are limited: each server holds at most
 * PARLEY_DATABASE_POOL_SIZE of them, plus the one that listens for revocations, however many requests it serves.
 */
class DatabasePoolTest {
    private static final int POOL_SIZE = 2;
    private static final int CONCURRENT_REQUESTS = 24;

    @Test
    void holdsNoMoreConnectionsThanConfiguredAndStillServesEveryRequest() throws Exception {
        try (TestServer server = new TestServer(TestDatabase.POSTGRES,
                Map.of("PARLEY_DATABASE_POOL_SIZE", String.valueOf(POOL_SIZE)))) {
            Api api = server.api();
            Response account = api.post("/admin/accounts", server.operator(), "{\"displayName\":\"Pool\"}");
            Auth key = Auth.basicOfCreatedKey(account);
            List<Future<Integer>> requests = new ArrayList<>();
            int mostConnections = 0;
            try (ExecutorService pool = Executors.newFixedThreadPool(CONCURRENT_REQUESTS)) {
                for (int i = 0; i < CONCURRENT_REQUESTS * 4; i++) {
                    int n = i;
                    requests.add(pool.submit(() -> (n % 2 == 0
                            ? api.post("/v2/apps", key, "{\"displayName\":\"App " + n + "\"}")
                            : api.get("/v2/apps?page[size]=100", key)).status()));
                }
                for (Future<Integer> request : requests) {
                    mostConnections = Math.max(mostConnections, connectionsOf(server));
                    assertThat(request.get()).isBetween(200, 201);
                }
            }
            // The pool opens its connections in the background; give it time to open more than it may.
            for (int i = 0; i < 10; i++) {
                mostConnections = Math.max(mostConnections, connectionsOf(server));
                Thread.sleep(100);
            }
            assertThat(mostConnections).as("the pool's %d and the revocation listener's one", POOL_SIZE)
                    .isBetween(1, POOL_SIZE + 1);
        }
    }

    /** The server's connections, named after its schema (see TestDatabase). */
    private static int connectionsOf(TestServer server) throws SQLException {
        Matcher name = Pattern.compile("ApplicationName=([^&]+)").matcher(server.env().get("PARLEY_DATABASE_URL"));
        assertThat(name.find()).isTrue();
        try (Connection db = DriverManager.getConnection(TestDatabase.POSTGRES_URL, TestDatabase.POSTGRES_USER, "");
             PreparedStatement count = db.prepareStatement(
                     "SELECT count(*) FROM pg_stat_activity WHERE application_name = ?")) {
            count.setString(1, name.group(1));
            try (ResultSet result = count.executeQuery()) {
                result.next();
                return result.getInt(1);
            }
        }
    }
}
