package dev.parley.testing;

import dev.parley.store.EmbeddedDatabase;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The databases every API test runs against. PostgreSQL is the one at PARLEY_TEST_DATABASE_URL (default
 * 127.0.0.1:5432, database {@code test}, trust auth); each server gets a schema of its own, dropped afterwards.
 * A PostgreSQL that cannot be reached fails the tests; it never skips them.
 */
public enum TestDatabase {
    EMBEDDED,
    POSTGRES;

    public static final String POSTGRES_URL =
            System.getenv().getOrDefault("PARLEY_TEST_DATABASE_URL", "jdbc:postgresql://127.0.0.1:5432/test");
    public static final String POSTGRES_USER = System.getenv().getOrDefault("PARLEY_TEST_DATABASE_USER", "postgres");

    /** Environment variables that point a server at a fresh, empty database of this kind. */
    public Map<String, String> freshDatabase() {
        if (this == EMBEDDED) {
            return new HashMap<>();
        }
        String schema = "parley_test_" + UUID.randomUUID().toString().replace("-", "").substring(0, 16);
        execute("CREATE SCHEMA " + schema);
        // The schema's name also names the server's connections in pg_stat_activity.
        return postgresAt(POSTGRES_URL + "?ApplicationName=" + schema + "&currentSchema=" + schema);
    }

    /** Environment variables that point a server at PostgreSQL at that URL, as the test database's user. */
    public static Map<String, String> postgresAt(String url) {
        return new HashMap<>(Map.of("PARLEY_DATABASE_URL", url, "PARLEY_DATABASE_USER", POSTGRES_USER));
    }

    /** Drops the schema a server of this kind used, if any. */
    public static void dropDatabase(Map<String, String> env) {
        String url = env.get("PARLEY_DATABASE_URL");
        if (url != null) {
            execute("DROP SCHEMA IF EXISTS " + url.substring(url.indexOf("currentSchema=") + 14) + " CASCADE");
        }
    }

    /** A direct connection to the database the server with this environment uses, for tests that inspect it. */
    public static Connection connect(Map<String, String> env, java.nio.file.Path dataDir) throws SQLException {
        String url = env.get("PARLEY_DATABASE_URL");
        if (url != null) {
            return DriverManager.getConnection(url, POSTGRES_USER, "");
        }
        // The server's own URL: H2 shares a database open in this JVM only with connections to the same name.
        return DriverManager.getConnection(EmbeddedDatabase.url(dataDir), "parley", "");
    }

    private static void execute(String sql) {
        try (Connection connection = DriverManager.getConnection(POSTGRES_URL, POSTGRES_USER, "");
             Statement statement = connection.createStatement()) {
            statement.execute(sql);
        } catch (SQLException e) {
            throw new AssertionError("PostgreSQL is required for these tests and cannot be reached at " + POSTGRES_URL
                    + " as " + POSTGRES_USER + " (" + e.getMessage() + "). Start it with: "
                    + "pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start", e);
        }
    }
}
