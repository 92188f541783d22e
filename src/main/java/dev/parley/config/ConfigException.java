package dev.parley.config;

/** A configuration the server refuses to start with; the message says what to set. */
public final class ConfigException extends RuntimeException {
    public ConfigException(String message) {
        super(message);
    }
}
