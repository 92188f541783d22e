package dev.parley.config;

import java.io.IOException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Files (0600) and directories (0700) that only their owner may read. Java cannot set the process's umask, so each
 * is created with its mode from the start rather than tightened after others could have opened it. On a file
 * system without POSIX permissions, modes are left alone.
 */
public final class OwnerOnly {
    private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");
    private static final Set<PosixFilePermission> FILE = PosixFilePermissions.fromString("rw-------");
    private static final Set<PosixFilePermission> DIRECTORY = PosixFilePermissions.fromString("rwx------");

    private OwnerOnly() {
    }

    /** Creates the file, empty and owner-only; false when it exists already, whatever its mode. */
    public static boolean createFile(Path file) throws IOException {
        try {
            Files.createFile(file, attributes(FILE));
            return true;
        } catch (FileAlreadyExistsException exists) {
            return false;
        }
    }

    /** Creates the directory and every missing parent, each owner-only; existing ones keep their mode. */
    public static void createDirectories(Path directory) throws IOException {
        Files.createDirectories(directory, attributes(DIRECTORY));
    }

    /** Makes an existing file owner-only. */
    public static void restrict(Path file) throws IOException {
        if (POSIX) {
            Files.setPosixFilePermissions(file, FILE);
        }
    }

    private static FileAttribute<?>[] attributes(Set<PosixFilePermission> permissions) {
        return POSIX ? new FileAttribute<?>[]{PosixFilePermissions.asFileAttribute(permissions)} : new FileAttribute<?>[0];
    }
}
