package dev.parley.keys;

import dev.parley.auth.ApiKey;
import com.fasterxml.jackson.annotation.JsonProperty;

/** A key as the v1.1 API shows it: {@code {"_id","secret","name"}}. */
public record KeyViewV1(@JsonProperty("_id") String id, String secret, String name) {

    public static KeyViewV1 of(ApiKey key) {
        return new KeyViewV1(key.id(), key.secret(), key.displayName());
    }

    @Override
    public String toString() {
        return "KeyViewV1[" + id + "]";
    }
}
