package dev.parley.auth;

/**
 * A key without its secret, {@code {"id","displayName"}}: an account key as the operator API shows it after the
 * answer that created it, and any key in the dashboard's lists, where a template cannot print a secret by mistake.
 */
public record KeySummary(String id, String displayName) {
}
