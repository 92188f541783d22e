package dev.parley.store;

import dev.parley.config.OwnerOnly;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Enumeration;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;
import org.h2.tools.Restore;

/**
 * Restores a backup of the embedded database (the zip {@code POST /admin/backup} answers) into a data directory,
 * offline, with H2's own restore tool: into an empty or absent directory only, so nothing is ever overwritten.
 */
public final class EmbeddedRestore {
    /** The database's own files, with nothing that could name a path elsewhere (H2's tool would follow one). */
    private static final Pattern DATABASE_FILE = Pattern.compile(
            Pattern.quote(EmbeddedDatabase.NAME) + "\\.[a-z0-9.]+");

    private EmbeddedRestore() {
    }

    /** Why a restore was refused or failed, in a sentence for the operator; nothing was left behind. */
    public static final class RestoreFailure extends RuntimeException {
        RestoreFailure(String message) {
            super(message);
        }
    }

    /**
     * Unpacks the backup into the data directory (created owner-only when absent), makes its files owner-only and
     * checks that the database opens and holds Parley's schema. On any failure, removes what it wrote.
     */
    public static void restore(Path backup, Path dataDir) {
        requireBackup(backup);
        requireEmptyOrAbsent(dataDir);
        boolean created = !Files.exists(dataDir);
        try {
            OwnerOnly.createDirectories(dataDir);
            // Through the owner-only file system: the database file is 0600 from its first byte.
            Restore.execute(backup.toString(), OwnerOnlyFilePath.prefix() + dataDir.toAbsolutePath(),
                    EmbeddedDatabase.NAME);
            EmbeddedDatabase.prepare(dataDir);
            requireParleySchema(dataDir);
        } catch (IOException e) {
            undo(dataDir, created);
            throw new RestoreFailure("cannot write into " + dataDir + ": " + e.getMessage());
        } catch (RuntimeException e) {
            undo(dataDir, created);
            throw e instanceof RestoreFailure failure ? failure
                    : new RestoreFailure("cannot restore " + backup + ": " + e.getMessage());
        }
    }

    private static void requireBackup(Path backup) {
        boolean hasDatabase = false;
        try (ZipFile zip = new ZipFile(backup.toFile())) {
            for (Enumeration<? extends ZipEntry> entries = zip.entries(); entries.hasMoreElements(); ) {
                String name = entries.nextElement().getName();
                if (!DATABASE_FILE.matcher(name).matches()) {
                    throw new RestoreFailure(backup + " is not a backup of Parley's embedded database (it holds "
                            + "a file named " + name + ")");
                }
                hasDatabase |= name.equals(EmbeddedDatabase.NAME + ".mv.db");
            }
        } catch (IOException e) {
            throw new RestoreFailure("cannot read " + backup + " as a backup (a zip file from `parley backup`): "
                    + e.getMessage());
        }
        if (!hasDatabase) {
            throw new RestoreFailure(backup + " is not a backup of Parley's embedded database (no "
                    + EmbeddedDatabase.NAME + ".mv.db in it)");
        }
    }

    private static void requireEmptyOrAbsent(Path dataDir) {
        if (!Files.exists(dataDir)) {
            return;
        }
        if (!Files.isDirectory(dataDir)) {
            throw new RestoreFailure(dataDir + " is not a directory");
        }
        try (Stream<Path> entries = Files.list(dataDir)) {
            if (entries.findAny().isPresent()) {
                throw new RestoreFailure("the data directory " + dataDir + " is not empty; restore into an empty or "
                        + "new directory (set PARLEY_DATA_DIR), so that nothing in it is overwritten");
            }
        } catch (IOException e) {
            throw new RestoreFailure("cannot read the data directory " + dataDir + ": " + e.getMessage());
        }
    }

    private static void requireParleySchema(Path dataDir) {
        try (Connection connection = DriverManager.getConnection(EmbeddedDatabase.url(dataDir) + ";IFEXISTS=TRUE",
                EmbeddedDatabase.USER, "");
             Statement statement = connection.createStatement();
             ResultSet migrations = statement.executeQuery("SELECT COUNT(*) FROM flyway_schema_history")) {
            if (!migrations.next() || migrations.getInt(1) == 0) {
                throw new RestoreFailure("the restored database holds no Parley schema");
            }
        } catch (SQLException e) {
            throw new RestoreFailure("the restored database does not open as Parley's (SQLState " + e.getSQLState()
                    + ")");
        }
    }

    /** Removes the database files written, and the directory if this restore created it. */
    private static void undo(Path dataDir, boolean created) {
        if (!Files.isDirectory(dataDir)) {
            return;
        }
        try (DirectoryStream<Path> files = Files.newDirectoryStream(dataDir, EmbeddedDatabase.NAME + ".*")) {
            for (Path file : files) {
                Files.deleteIfExists(file);
            }
            if (created) {
                Files.deleteIfExists(dataDir);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot remove the partly restored files in " + dataDir, e);
        }
    }
}
