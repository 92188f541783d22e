package dev.parley.cli;

/** A command-line failure whose message is meant for the person at the terminal. */
final class CliException extends RuntimeException {
    CliException(String message) {
        super(message);
    }
}
