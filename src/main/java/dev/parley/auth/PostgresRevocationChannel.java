package dev.parley.auth;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Properties;
import org.jdbi.v3.core.Handle;
import org.postgresql.PGConnection;
import org.postgresql.PGNotification;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Revocations through PostgreSQL itself: NOTIFY inside the deleting transaction (delivered only if it commits),
 * LISTEN on a connection of its own. When that connection breaks, notices may have been missed, so the whole cache
 * is dropped before listening again.
 */
public final class PostgresRevocationChannel implements RevocationChannel {
    static final String CHANNEL = "parley_revocations";
    private static final Logger LOG = LoggerFactory.getLogger(PostgresRevocationChannel.class);
    private static final int POLL_MILLIS = 500;
    private static final Duration RECONNECT_DELAY = Duration.ofSeconds(1);

    private final String url;
    private final Properties credentials;
    private final CredentialCache cache;
    private final Thread listener;
    private volatile boolean running = true;
    private volatile boolean listening;

    public PostgresRevocationChannel(String url, Properties credentials, CredentialCache cache) {
        this.url = url;
        this.credentials = credentials;
        this.cache = cache;
        this.listener = Thread.ofPlatform().daemon().name("parley-revocations").unstarted(this::listen);
    }

    @Override
    public void start() {
        listener.start();
    }

    @Override
    public void publish(Handle handle, Revocation revocation) {
        handle.createQuery("SELECT pg_notify(:channel, :payload)")
                .bind("channel", CHANNEL)
                .bind("payload", revocation.toText())
                .mapTo(String.class)
                .findOne();
    }

    private void listen() {
        MDC.put("job", "revocation-listener");
        while (running) {
            try (Connection connection = DriverManager.getConnection(url, credentials)) {
                try (Statement statement = connection.createStatement()) {
                    statement.execute("LISTEN " + CHANNEL);
                }
                listening = true;
                // Anything revoked while no one listened is unknown: start from an empty cache.
                cache.invalidateAll();
                PGConnection notifications = connection.unwrap(PGConnection.class);
                while (running) {
                    PGNotification[] received = notifications.getNotifications(POLL_MILLIS);
                    if (received != null) {
                        for (PGNotification notification : received) {
                            Revocation revocation = Revocation.fromText(notification.getParameter());
                            if (revocation != null) {
                                cache.invalidate(revocation);
                            }
                        }
                    }
                }
            } catch (SQLException e) {
                listening = false;
                if (running) {
                    LOG.warn("revocation listener lost its connection (SQLState {}); cached credentials dropped",
                            e.getSQLState());
                    cache.invalidateAll();
                    sleep(RECONNECT_DELAY);
                }
            }
        }
    }

    @Override
    public String status() {
        return listening ? "ok" : "reconnecting";
    }

    private static void sleep(Duration duration) {
        try {
            Thread.sleep(duration);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    @Override
    public void close() {
        running = false;
        if (listener.getState() == Thread.State.NEW) {
            return;
        }
        listener.interrupt();
        try {
            listener.join(Duration.ofSeconds(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
