package dev.parley.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.concurrent.Callable;
import java.util.zip.ZipFile;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code parley backup --to FILE}: asks the running server for an online backup of its embedded database and writes
 * it to FILE whole or not at all: into a temporary file beside it (0600: it holds everything the database does),
 * checked to be a complete zip, then renamed over FILE.
 */
@Command(name = "backup", mixinStandardHelpOptions = true,
        description = {"Write an online backup of a running server's embedded database to a file (a zip).",
                "The server keeps serving meanwhile. Finds it and authenticates as `accounts` does (PARLEY_URL, "
                        + "PARLEY_OPERATOR_TOKEN or the token file in PARLEY_DATA_DIR). On PostgreSQL, use pg_dump.",
                "Keep the master key too: the backup does not hold it (see the README, Backups and restore)."})
public final class BackupCommand implements Callable<Integer> {
    /** How long the server may take to write the backup before it starts sending it. */
    private static final Duration BACKUP_TIMEOUT = Duration.ofMinutes(30);

    @Spec
    CommandSpec spec;

    @Option(names = "--to", required = true, paramLabel = "FILE", description = "Where to write the backup.")
    Path to;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            OperatorClient client = OperatorClient.fromEnvironment(System.getenv());
            HttpResponse<InputStream> response = client.postForStream("/admin/backup", BACKUP_TIMEOUT);
            if (response.statusCode() != 200) {
                try (InputStream body = response.body()) {
                    err.println(AccountsCommand.OperatorCall.pretty(
                            new String(body.readAllBytes(), StandardCharsets.UTF_8)));
                } catch (IOException e) {
                    throw client.failed(e);
                }
                err.flush();
                return 1;
            }
            Path target = to.toAbsolutePath();
            long size = writeWhole(response, target, client);
            spec.commandLine().getOut().println("parley: backup written to " + target + " (" + size + " bytes)");
            spec.commandLine().getOut().flush();
            return 0;
        } catch (CliException | IllegalArgumentException e) {
            err.println("parley: " + e.getMessage());
            err.flush();
            return 1;
        }
    }

    private static long writeWhole(HttpResponse<InputStream> response, Path target, OperatorClient client) {
        Path partial;
        try {
            partial = Files.createTempFile(target.getParent(), "." + target.getFileName() + ".", ".partial");
        } catch (IOException e) {
            throw new CliException("cannot write into " + target.getParent() + ": " + e.getMessage());
        }
        try {
            try (InputStream body = response.body();
                 FileChannel file = FileChannel.open(partial, StandardOpenOption.WRITE);
                 OutputStream out = Channels.newOutputStream(file)) {
                body.transferTo(out);
                file.force(true);
            } catch (IOException e) {
                throw client.failed(e);
            }
            requireCompleteZip(partial);
            Files.move(partial, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            return Files.size(target);
        } catch (IOException e) {
            throw new CliException("cannot write " + target + ": " + e.getMessage());
        } finally {
            deleteIfExists(partial);
        }
    }

    /** A zip's directory is at its end: a body cut short (a server stopped mid-way) does not open. */
    private static void requireCompleteZip(Path file) {
        try (ZipFile zip = new ZipFile(file.toFile())) {
            if (zip.size() == 0) {
                throw new CliException("the server sent an empty backup; nothing was written");
            }
        } catch (IOException e) {
            throw new CliException("the backup arrived incomplete; nothing was written");
        }
    }

    private static void deleteIfExists(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
