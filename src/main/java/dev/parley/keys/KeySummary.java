package dev.parley.keys;

import dev.parley.auth.ApiKey;

/**
 * A key without its secret, {@code {"id","displayName"}}: an account key as the operator API shows it after the
 * answer that created it, and any key in the dashboard's lists, where a template cannot print a secret by mistake.
 */
public record KeySummary(String id, String displayName) {

    public static KeySummary of(ApiKey key) {
        return new KeySummary(key.id(), key.displayName());
    }
}
