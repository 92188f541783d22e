package dev.parley.dashboard;

import dev.parley.auth.ApiKey;

/** A key as a list shows it: no secret, so a template cannot print one by mistake. */
public record KeyRow(String id, String displayName) {

    public static KeyRow of(ApiKey key) {
        return new KeyRow(key.id(), key.displayName());
    }
}
