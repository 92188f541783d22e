package dev.parley.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;

/**
 * Reads a password from standard input, never from the command line, where other users of the machine and the
 * shell history would see it: the first line, without its line ending.
 */
final class PasswordInput {
    private PasswordInput() {
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
