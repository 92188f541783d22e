package dev.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import picocli.CommandLine.Option;

/**
 * Reads a password from standard input, never from the command line, where other users of the machine and the
 * shell history would see it: the first line, without its line ending. As a picocli mixin, it is the
 * {@code --password-stdin} option of the commands that take an owner's password.
 */
final class PasswordInput {
    @Option(names = "--password-stdin", required = true,
            description = "Read the password from standard input (it is never taken as an argument).")
    boolean fromStandardInput;

    /** The password on the first line of standard input. */
    String read() {
        return readFrom(System.in);
    }

    static String readFrom(InputStream in) {
        try {
            String line = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)).readLine();
            if (line == null || line.isEmpty()) {
                throw new CliException("--password-stdin: no password on standard input; pipe it in, for example: "
                        + "read -rs PASSWORD; printf '%s\\n' \"$PASSWORD\" | parley accounts owners create …");
            }
            return line;
        } catch (IOException e) {
            throw new CliException("--password-stdin: standard input could not be read");
        }
    }
}
