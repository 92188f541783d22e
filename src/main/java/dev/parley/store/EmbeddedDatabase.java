package dev.parley.store;

import dev.parley.config.ConfigException;
import dev.parley.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.sql.SQLException;
import org.h2.api.ErrorCode;

/** The embedded H2 database's files in the data directory: readable by their owner only, open in one process. */
public final class EmbeddedDatabase {
    static final String NAME = "parley";
    static final String USER = "parley";

    private EmbeddedDatabase() {
    }

    /**
     * The database in PostgreSQL mode, on the file system that creates its files owner-only. {@code WRITE_DELAY=0}
     * makes every commit reach the file before the commit returns, so a 201 survives a kill of the process the next
     * instant (the default delays writes by up to half a second).
     */
    public static String url(Path dataDir) {
        return "jdbc:h2:" + OwnerOnlyFilePath.prefix() + dataDir.resolve(NAME).toAbsolutePath()
                + ";MODE=PostgreSQL;DATABASE_TO_LOWER=TRUE;DEFAULT_NULL_ORDERING=HIGH;WRITE_DELAY=0";
    }

    /**
     * Creates the data directory (and missing parents) owner-only, and makes owner-only the database files an
     * earlier Parley created readable by others; the files H2 creates from now on are owner-only from the start.
     */
    static void prepare(Path dataDir) {
        try {
            OwnerOnly.createDirectories(dataDir);
            try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, NAME + ".*")) {
                for (Path file : files) {
                    if (Files.isRegularFile(file)) {
                        OwnerOnly.restrict(file);
                    }
                }
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot make the data directory " + dataDir + " owner-only", e);
        }
    }

    /**
     * Fails at once when another process has the database open (H2 holds a lock on its file while it is open):
     * before the pool exists, so no connection attempt of the pool's is left to wind down, or to complain about in
     * the log, as the server stops. This process holding the lock is no refusal: H2 shares a database it has open
     * with every pool of the same process. Which process opens the file first is still decided by H2 itself, whose
     * refusal {@link #isOpenElsewhere} recognises.
     */
    static void requireUnused(Path dataDir) {
        Path file = dataDir.resolve(NAME + ".mv.db");
        if (!Files.exists(file)) {
            return;
        }
        try (FileChannel channel = FileChannel.open(file, StandardOpenOption.READ, StandardOpenOption.WRITE)) {
            FileLock lock = channel.tryLock();
            if (lock == null) {
                throw inUse(dataDir);
            }
            lock.release();
        } catch (OverlappingFileLockException heldByThisProcess) {
            return;
        } catch (IOException e) {
            throw new UncheckedIOException("cannot open the database file in " + dataDir, e);
        }
    }

    /** The one sentence a server says when another one holds its data directory. */
    static ConfigException inUse(Path dataDir) {
        return new ConfigException("the data directory " + dataDir + " is in use by another Parley server (or another "
                + "process); stop that server, or set PARLEY_DATA_DIR to another directory");
    }

    /** Whether H2 refused to open the database because another process holds its file (anywhere in the causes). */
    static boolean isOpenElsewhere(Throwable failure) {
        for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
            if (cause instanceof SQLException sql && sql.getErrorCode() == ErrorCode.DATABASE_ALREADY_OPEN_1) {
                return true;
            }
        }
        return false;
    }
}
