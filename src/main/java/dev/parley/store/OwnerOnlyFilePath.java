package dev.parley.store;

import dev.parley.config.OwnerOnly;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import org.h2.store.fs.FilePath;
import org.h2.store.fs.FilePathWrapper;

/**
 * H2's disk file system, except that every file H2 creates through it is owner-only (0600) from its first byte:
 * the database, its trace file, and the file a compaction writes before renaming it over the database (a rename
 * keeps the mode). H2's temporary files already are: the JDK creates them 0600. The embedded database's URL names
 * this file system by its scheme; H2 makes it anew for each path (hence public, with the implicit constructor).
 */
public final class OwnerOnlyFilePath extends FilePathWrapper {
    private static final String SCHEME = "parley-owner-only";

    static {
        FilePath.register(new OwnerOnlyFilePath());
    }

    /** What precedes an absolute path in an H2 URL to put the file on this file system, registered with H2 by now. */
    static String prefix() {
        return SCHEME + ":";
    }

    @Override
    public String getScheme() {
        return SCHEME;
    }

    @Override
    public boolean createFile() {
        try {
            return OwnerOnly.createFile(path());
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public FileChannel open(String mode) throws IOException {
        if (mode.contains("w")) {
            OwnerOnly.createFile(path());
        }
        return super.open(mode);
    }

    @Override
    public OutputStream newOutputStream(boolean append) throws IOException {
        OwnerOnly.createFile(path());
        return super.newOutputStream(append);
    }

    private Path path() {
        return Path.of(getBase().name);
    }
}
