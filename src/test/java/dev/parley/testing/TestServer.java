package dev.parley.testing;

import dev.parley.ParleyServer;
import dev.parley.config.ParleyConfig;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.security.SecureRandom;

/** A Parley server running in this JVM on a random port, on a fresh database of the given kind. */
public final class TestServer implements AutoCloseable {
    private final TestDatabase database;
    private final Path dataDir;
    private final Map<String, String> env;
    private final boolean sharesDatabase;
    private final TestClock clock = new TestClock();
    private ParleyServer server;
    private Api api;

    /** A second server on the same database and secrets as {@code other}, as when several share PostgreSQL. */
    public static TestServer sharing(TestServer other) {
        return new TestServer(other);
    }

    private TestServer(TestServer other) {
        this.database = other.database;
        this.dataDir = other.dataDir;
        this.env = new HashMap<>(other.env);
        this.sharesDatabase = true;
        start();
    }

    public TestServer(TestDatabase database) {
        this(database, Map.of());
    }

    /**
     * A server with rate limits and background purges off unless {@code extraEnv} says otherwise, plus any other
     * variables given.
     */
    public TestServer(TestDatabase database, Map<String, String> extraEnv) {
        this.database = database;
        try {
            this.dataDir = Files.createTempDirectory("parley-test-");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        this.sharesDatabase = false;
        this.env = new HashMap<>(database.freshDatabase());
        env.put("PARLEY_PORT", "0");
        env.put("PARLEY_DATA_DIR", dataDir.toString());
        env.put("PARLEY_OPERATOR_TOKEN", "operator-" + randomText());
        env.put("PARLEY_RATE_LIMITS", "off");
        // Tests run the purges themselves, when they choose.
        env.put("PARLEY_PURGE_INTERVAL", "0");
        // Webhook receivers in tests listen on loopback, which is not a public address.
        env.put("PARLEY_WEBHOOK_ALLOWED_NETWORKS", "127.0.0.1/32");
        if (database == TestDatabase.POSTGRES) {
            env.put("PARLEY_MASTER_KEY", ParleyProcess.newMasterKey());
        }
        env.putAll(extraEnv);
        start();
    }

    private void start() {
        server = ParleyServer.start(ParleyConfig.from(env), clock);
        api = new Api("http://127.0.0.1:" + server.port());
    }

    /** Stops the server gracefully and starts it again on the same data. */
    public void restart() {
        server.close();
        start();
    }

    public Api api() {
        return api;
    }

    /** The clock that says when the server's remembered Idempotency-Keys expire. */
    public TestClock clock() {
        return clock;
    }

    public TestDatabase database() {
        return database;
    }

    public Auth operator() {
        return Auth.bearer(env.get("PARLEY_OPERATOR_TOKEN"));
    }

    public Map<String, String> env() {
        return Map.copyOf(env);
    }

    public Path dataDir() {
        return dataDir;
    }

    /** A direct connection to the server's database, for tests that inspect what is stored. */
    public Connection connect() throws SQLException {
        return TestDatabase.connect(env, dataDir);
    }

    @Override
    public void close() {
        if (server != null) {
            server.close();
        }
        if (!sharesDatabase) {
            TestDatabase.dropDatabase(env);
        }
    }

    private static String randomText() {
        byte[] bytes = new byte[16];
        new SecureRandom().nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
