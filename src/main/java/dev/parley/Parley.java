package dev.parley;

import dev.parley.cli.AccountsCommand;
import dev.parley.cli.BackupCommand;
import dev.parley.cli.RestoreCommand;
import dev.parley.cli.AppsCommand;
import dev.parley.cli.ServeCommand;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * The command line: {@code serve} runs the server; {@code accounts} and {@code backup} drive the operator API of a
 * running one; {@code restore} unpacks a backup, offline; {@code apps} exports and imports an app's data.
 */
@Command(name = "parley", mixinStandardHelpOptions = true, versionProvider = Parley.Version.class,
        description = "Self-hosted account provisioning for embedded messaging.",
        subcommands = {ServeCommand.class, AccountsCommand.class, AppsCommand.class, BackupCommand.class,
                RestoreCommand.class})
public final class Parley {

    public static void main(String[] args) {
        System.exit(new CommandLine(new Parley()).setCaseInsensitiveEnumValuesAllowed(true).execute(args));
    }

    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() {
            String version = Parley.class.getPackage().getImplementationVersion();
            return new String[] {"parley " + (version == null ? "development build" : version)};
        }
    }
}
