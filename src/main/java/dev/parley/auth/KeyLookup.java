package dev.parley.auth;

import java.util.Optional;

/** Finds a key by id for authentication. */
public interface KeyLookup {
    Optional<ApiKey> find(String keyId);
}
