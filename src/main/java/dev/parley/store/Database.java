package dev.parley.store;

import dev.parley.config.DatabaseUrls;
import com.zaxxer.hikari.HikariConfig;
import com.zaxxer.hikari.HikariDataSource;
import com.zaxxer.hikari.metrics.micrometer.MicrometerMetricsTrackerFactory;
import io.micrometer.core.instrument.MeterRegistry;
import dev.parley.config.ConfigException;
import dev.parley.config.ParleyConfig;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Savepoint;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import java.time.Duration;
import org.flywaydb.core.Flyway;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.HandleCallback;
import org.jdbi.v3.core.Jdbi;

/**
 * The connection pool, the schema migrations and the transactions, for the embedded database and PostgreSQL alike.
 */
public final class Database implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Database.class);
    // A request that cannot get a connection soon enough answers 503 rather than piling up behind a dead database.
    private static final Duration CONNECTION_TIMEOUT = Duration.ofSeconds(2);
    private static final Duration MAX_PAUSE = Duration.ofSeconds(4);
    /** H2's own isolation level beyond JDBC's four (org.h2.engine.Constants.TRANSACTION_SNAPSHOT). */
    private static final int H2_SNAPSHOT = 6;

    private final HikariDataSource dataSource;
    private final Jdbi jdbi;
    private final String description;
    private final boolean postgres;
    // Virtual threads carry one request each, so a thread's request transaction is its request's.
    private final ThreadLocal<Handle> requestTransaction = new ThreadLocal<>();

    private Database(HikariDataSource dataSource, String description, boolean postgres) {
        this.dataSource = dataSource;
        this.jdbi = Jdbi.create(dataSource);
        this.description = description;
        this.postgres = postgres;
    }

    /**
     * Makes the pool, which opens its connections in the background; nothing waits for them yet (see
     * {@link #prepare}), so the server can be put together meanwhile.
     */
    public static Database connect(ParleyConfig config) {
        HikariConfig hikari = new HikariConfig();
        hikari.setPoolName("parley");
        hikari.setConnectionTimeout(CONNECTION_TIMEOUT.toMillis());
        hikari.setValidationTimeout(Duration.ofSeconds(2).toMillis());
        hikari.setInitializationFailTimeout(-1);
        // Set once per connection: a level passed per transaction makes the PostgreSQL driver ask the server for the
        // current level before and after every transaction (six extra round trips per write, measured).
        hikari.setTransactionIsolation("TRANSACTION_READ_COMMITTED");
        hikari.setMaximumPoolSize(config.databasePoolSize());
        String description;
        if (config.embedded()) {
            // Before the pool exists: it starts opening connections, and so H2 its files, in the background.
            EmbeddedDatabase.prepare(config.dataDir());
            EmbeddedDatabase.requireUnused(config.dataDir());
            hikari.setJdbcUrl(EmbeddedDatabase.url(config.dataDir()));
            hikari.setUsername(EmbeddedDatabase.USER);
            hikari.setPassword("");
            description = "embedded database in " + config.dataDir();
        } else {
            hikari.setJdbcUrl(config.databaseUrl().orElseThrow());
            config.databaseUser().ifPresent(hikari::setUsername);
            config.databasePassword().ifPresent(hikari::setPassword);
            description = "PostgreSQL at " + DatabaseUrls.redact(config.databaseUrl().orElseThrow());
        }
        return new Database(new HikariDataSource(hikari), description, !config.embedded());
    }

    /**
     * Waits for the database (for a bounded time), then applies pending migrations. The embedded database waits too:
     * on a loaded machine H2 can take longer than the pool's connection timeout to open its file, and a slow first
     * open is no reason to fail the start.
     */
    public void prepare(ParleyConfig config) {
        try {
            awaitReachable(dataSource, description, config.databaseStartupTimeout(), config.embedded()
                    ? "check that " + config.dataDir() + " is readable and writable and its disk not full"
                    : "check PARLEY_DATABASE_URL, PARLEY_DATABASE_USER and that PostgreSQL is running");
            Flyway.configure()
                    .dataSource(dataSource)
                    .locations("classpath:db/migration")
                    .load()
                    .migrate();
        } catch (RuntimeException e) {
            if (config.embedded() && EmbeddedDatabase.isOpenElsewhere(e)) {
                throw EmbeddedDatabase.inUse(config.dataDir());
            }
            throw e;
        }
    }

    /**
     * PostgreSQL may start after Parley (a machine boot, a container orchestrator): wait for it, for a bounded time,
     * rather than fail at once.
     */
    private static void awaitReachable(HikariDataSource dataSource, String description, Duration timeout,
                                       String hint) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Duration pause = Duration.ofMillis(250);
        for (int attempt = 1; ; attempt++) {
            try (Connection connection = dataSource.getConnection()) {
                return;
            } catch (SQLException e) {
                if (EmbeddedDatabase.isOpenElsewhere(e)) {
                    throw new IllegalStateException("the embedded database is open in another process", e);
                }
                if (System.nanoTime() + pause.toNanos() > deadline) {
                    throw new ConfigException("cannot reach the " + description + " after " + timeout.toSeconds()
                            + " s (" + reason(e) + "); " + hint);
                }
                LOG.warn("waiting for the {} (attempt {}): {}", description, attempt, reason(e));
                sleep(pause);
                pause = pause.multipliedBy(2).compareTo(MAX_PAUSE) > 0 ? MAX_PAUSE : pause.multipliedBy(2);
            }
        }
    }

    private static String reason(SQLException e) {
        Throwable cause = e.getCause() != null ? e.getCause() : e;
        return cause.getClass().getSimpleName() + (e.getSQLState() == null ? "" : ", SQLState " + e.getSQLState());
    }

    private static void sleep(Duration pause) {
        try {
            Thread.sleep(pause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new ConfigException("interrupted while waiting for the database");
        }
    }

    /**
     * Runs the callback in one READ COMMITTED transaction (the pool's level), committed when it returns and rolled
     * back when it throws.
     */
    public <R, X extends Exception> R inTransaction(HandleCallback<R, X> callback) throws X {
        Handle request = requestTransaction.get();
        return request != null ? inSavepoint(request, callback) : jdbi.inTransaction(callback);
    }

    /**
     * Runs the callback in one transaction that every transaction and read of this thread joins until it returns:
     * so a request's changes, made by services that each open their own transactions, commit or roll back with
     * something of the caller's (an idempotent request's answer, see IdempotentRequests). Each joined transaction
     * runs in a savepoint, so one that fails undoes only its own work, as it would have alone.
     */
    public <R, X extends Exception> R inRequestTransaction(HandleCallback<R, X> callback) throws X {
        return jdbi.inTransaction(handle -> {
            requestTransaction.set(handle);
            try {
                return callback.withHandle(handle);
            } finally {
                requestTransaction.remove();
            }
        });
    }

    private static <R, X extends Exception> R inSavepoint(Handle handle, HandleCallback<R, X> callback) throws X {
        Connection connection = handle.getConnection();
        Savepoint savepoint;
        try {
            savepoint = connection.setSavepoint();
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
        R result;
        try {
            result = callback.withHandle(handle);
        } catch (Exception | Error e) {
            try {
                connection.rollback(savepoint);
            } catch (SQLException rollbackFailure) {
                e.addSuppressed(rollbackFailure);
            }
            throw e;
        }
        try {
            connection.releaseSavepoint(savepoint);
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
        return result;
    }

    /**
     * Runs the callback in one transaction that reads the database as it was when the transaction began, whatever
     * commits meanwhile: REPEATABLE READ on PostgreSQL (a snapshot there), SNAPSHOT on the embedded database (the
     * level H2 documents without phantom reads; its REPEATABLE READ hid new rows from a later query in a trial, but
     * promises less). The pool sets the connection's level back when it returns.
     */
    public <R, X extends Exception> R inSnapshot(HandleCallback<R, X> callback) throws X {
        return jdbi.withHandle(handle -> {
            try {
                handle.getConnection().setTransactionIsolation(postgres ? Connection.TRANSACTION_REPEATABLE_READ
                        : H2_SNAPSHOT);
            } catch (SQLException e) {
                throw new DatabaseFailure(e);
            }
            return handle.inTransaction(callback);
        });
    }

    /**
     * Runs the callback without an explicit transaction: each statement commits on its own. For reads, and for a
     * change made in one statement (a data-modifying WITH), which then commits in the round trip that runs it.
     */
    public <R, X extends Exception> R withoutTransaction(HandleCallback<R, X> callback) throws X {
        Handle request = requestTransaction.get();
        return request != null ? inSavepoint(request, callback) : jdbi.withHandle(callback);
    }

    /**
     * A read on a bare pooled connection, for the hottest path of the API (one app by id): Jdbi's per-handle and
     * per-statement work was a fifth of that request's CPU time in the benchmark's profile.
     */
    public <R> R readDirect(SqlWork<R> work) {
        Handle request = requestTransaction.get();
        if (request != null) {
            try {
                return work.apply(request.getConnection());
            } catch (SQLException e) {
                throw new DatabaseFailure(e);
            }
        }
        try (Connection connection = dataSource.getConnection()) {
            return work.apply(connection);
        } catch (SQLException e) {
            throw new DatabaseFailure(e);
        }
    }

    /** Work on a bare connection. */
    @FunctionalInterface
    public interface SqlWork<R> {
        R apply(Connection connection) throws SQLException;
    }

    /**
     * The pool's connections (active, idle, pending, the most allowed), and the time to acquire one, as HikariCP
     * itself records them: {@code hikaricp_connections_*} under the pool name {@code parley}.
     */
    public void recordMetrics(MeterRegistry registry) {
        dataSource.setMetricsTrackerFactory(new MicrometerMetricsTrackerFactory(registry));
    }

    /** Whether the database answers a trivial query within the connection timeout. */
    public boolean isReachable() {
        try {
            return jdbi.withHandle(h -> h.createQuery("SELECT 1").mapTo(Integer.class).one()) == 1;
        } catch (RuntimeException e) {
            return false;
        }
    }

    public String description() {
        return description;
    }

    /** Whether this is PostgreSQL, whose data-modifying WITH lets a guarded write run as one statement. */
    public boolean isPostgres() {
        return postgres;
    }

    @Override
    public void close() {
        dataSource.close();
    }
}
