package dev.parley.auth;

import org.jdbi.v3.core.Handle;

/** Carries revocations between the servers that share one database. */
public interface RevocationChannel extends AutoCloseable {

    /** Starts listening for other servers' revocations, once the database is ready. */
    void start();

    /** Sends the revocation as part of the handle's transaction. */
    void publish(Handle handle, Revocation revocation);

    /** For {@code /health}: {@code ok} while listening, {@code reconnecting} while not, {@code not used} alone. */
    String status();

    /** For a single server (the embedded database): nothing to tell anyone. */
    RevocationChannel NONE = new RevocationChannel() {
        @Override
        public void start() {
        }

        @Override
        public void publish(Handle handle, Revocation revocation) {
        }

        @Override
        public String status() {
            return "not used";
        }

        @Override
        public void close() {
        }
    };

    @Override
    void close();
}
