package dev.parley.cli;

import dev.parley.config.ConfigException;
import dev.parley.config.ParleyConfig;
import dev.parley.store.EmbeddedRestore;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** {@code parley restore --from FILE}: a backup of the embedded database into an empty data directory, offline. */
@Command(name = "restore", mixinStandardHelpOptions = true,
        description = {"Restore a backup from `parley backup` into PARLEY_DATA_DIR (default as `serve`'s), which must "
                + "be empty or absent. No server needs to run; start one on the directory afterwards.",
                "Start it with the master key of the server the backup came from (see the README, Backups and "
                        + "restore). On PostgreSQL, use pg_restore."})
public final class RestoreCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Option(names = "--from", required = true, paramLabel = "FILE", description = "The backup to restore.")
    Path from;

    @Override
    public Integer call() {
        PrintWriter err = spec.commandLine().getErr();
        try {
            ParleyConfig config = ParleyConfig.fromEnvironment();
            if (!config.embedded()) {
                throw new ConfigException("PARLEY_DATABASE_URL is set: this restores the embedded database only; "
                        + "restore PostgreSQL with pg_restore (see the README, Backups and restore)");
            }
            EmbeddedRestore.restore(from, config.dataDir());
            PrintWriter out = spec.commandLine().getOut();
            out.println("parley: restored into " + config.dataDir().toAbsolutePath() + "; start the server on it with "
                    + "the master key of the server the backup came from (PARLEY_MASTER_KEY, or its master-key file "
                    + "copied into the directory), and copy the other files of its data directory there too");
            out.flush();
            return 0;
        } catch (ConfigException | EmbeddedRestore.RestoreFailure e) {
            err.println("parley: " + e.getMessage());
            err.flush();
            return 1;
        }
    }
}
