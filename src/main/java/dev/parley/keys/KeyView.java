package dev.parley.keys;

import dev.parley.auth.ApiKey;

/** A key as the API shows it: {@code {"id","displayName","secret"}}. */
public record KeyView(String id, String displayName, String secret) {

    public static KeyView of(ApiKey key) {
        return new KeyView(key.id(), key.displayName(), key.secret());
    }

    @Override
    public String toString() {
        return "KeyView[" + id + "]";
    }
}
