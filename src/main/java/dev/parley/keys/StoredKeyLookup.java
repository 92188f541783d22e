package dev.parley.keys;

import dev.parley.auth.ApiKey;
import dev.parley.auth.KeyLookup;
import dev.parley.store.Database;
import java.util.Optional;

/** Looks keys up in the database on every call. */
public final class StoredKeyLookup implements KeyLookup {
    private final Database database;
    private final ApiKeyStore keys;

    public StoredKeyLookup(Database database, ApiKeyStore keys) {
        this.database = database;
        this.keys = keys;
    }

    @Override
    public Optional<ApiKey> find(String keyId) {
        return database.withoutTransaction(handle -> keys.find(handle, keyId));
    }
}
