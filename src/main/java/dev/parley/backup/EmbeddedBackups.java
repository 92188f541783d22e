package dev.parley.backup;

import dev.parley.api.ApiException;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.store.Database;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Online backups of the embedded database through H2's own {@code BACKUP TO}: it copies the database file as of
 * one commit while writes go on (the store appends instead of reusing space meanwhile), holding no table lock. A
 * copy of the files themselves would not do: H2 has them open, and a copy taken mid-write is not consistent.
 */
public final class EmbeddedBackups {
    static final String AUDIT_ACTION = "database.backup";
    private static final String TEMPORARY_PREFIX = "backup-";
    private static final String TEMPORARY_SUFFIX = ".zip.partial";

    private final Database database;
    private final Path dataDir;
    private final AuditLog audit;

    private EmbeddedBackups(Database database, Path dataDir, AuditLog audit) {
        this.database = database;
        this.dataDir = dataDir;
        this.audit = audit;
    }

    /**
     * The backups of a server starting on its data directory, where it first deletes the temporary backup files
     * that a server stopped in the middle of a backup left behind (one at a time uses a data directory, so none is
     * in use): a copy of the whole database each, and no file an operator should keep.
     */
    public static EmbeddedBackups startingIn(Database database, Path dataDir, AuditLog audit) {
        if (!database.isPostgres() && Files.isDirectory(dataDir)) {
            try (DirectoryStream<Path> leftovers = Files.newDirectoryStream(dataDir,
                    TEMPORARY_PREFIX + "*" + TEMPORARY_SUFFIX)) {
                for (Path leftover : leftovers) {
                    delete(leftover);
                }
            } catch (IOException e) {
                throw new UncheckedIOException("cannot read the data directory " + dataDir, e);
            }
        }
        return new EmbeddedBackups(database, dataDir, audit);
    }

    /**
     * Writes a backup (a zip archive of the database file) into a new temporary file of the data directory, which
     * only its owner can read since it holds everything the database does, records it in the audit log, and
     * returns the file for the caller to send and delete. On PostgreSQL, a 400 that says what to use instead.
     */
    public Path take(Actor actor) {
        if (database.isPostgres()) {
            // No database product's name: error titles never name the internals (GeneratedRequestsTest).
            throw ApiException.badRequest("/admin/backup backs up the embedded database only; this server's database "
                    + "is backed up with pg_dump -Fc (see the README, Backups and restore)");
        }
        Path file = temporaryFile();
        try {
            database.withoutTransaction(handle -> handle.createUpdate("BACKUP TO :file")
                    .bind("file", file.toString()).execute());
            database.inTransaction(handle -> {
                audit.record(handle, actor, null, AUDIT_ACTION, null);
                return null;
            });
            return file;
        } catch (RuntimeException e) {
            delete(file);
            throw e;
        }
    }

    /** In the data directory: on the database's disk, where there is room for a copy of it. The JDK makes it 0600. */
    private Path temporaryFile() {
        try {
            return Files.createTempFile(dataDir, TEMPORARY_PREFIX, TEMPORARY_SUFFIX);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a temporary backup file in " + dataDir, e);
        }
    }

    private static void delete(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete the temporary backup file " + file, e);
        }
    }
}
