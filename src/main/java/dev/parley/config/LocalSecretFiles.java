package dev.parley.config;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
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
            // The data directory holds the database and these secrets: owner-only from the start.
            OwnerOnly.createDirectories(dataDir);
            // Owner-only from the first byte; one that exists already (another process may have won the race) is read.
            if (OwnerOnly.createFile(file)) {
                Files.writeString(file, generator.get() + "\n", StandardCharsets.UTF_8, StandardOpenOption.WRITE);
            }
            return Files.readString(file, StandardCharsets.UTF_8).strip();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read or create " + file, e);
        }
    }
}
