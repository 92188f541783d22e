package dev.parley.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.function.Supplier;

/** Secrets generated once into the data directory, readable by the owner only (mode 0600). */
public final class LocalSecretFiles {
    private final Path dataDir;

    public LocalSecretFiles(Path dataDir) {
        this.dataDir = dataDir;
    }

    public Path path(String name) {
        return dataDir.resolve(name);
    }

    /** Reads the named secret, generating and writing it first when the file does not exist yet. */
    public String readOrCreate(String name, Supplier<String> generator) {
        Path file = path(name);
        try {
            if (!Files.exists(dataDir)) {
                // The data directory holds the database and these secrets: owner-only from the start.
                Files.createDirectories(dataDir,
                        PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
            }
            if (!Files.exists(file)) {
                try {
                    // Created with 0600 from the first byte, so the secret is never readable by others.
                    Files.writeString(Files.createFile(file,
                                    PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))),
                            generator.get() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
                } catch (FileAlreadyExistsException raced) {
                    // another process created it first: read theirs
                }
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
