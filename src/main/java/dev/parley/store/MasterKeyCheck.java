package dev.parley.store;

import dev.parley.config.ConfigException;
import dev.parley.crypto.Sealer;

/**
 * Refuses to start with a master key other than the one the stored secrets were sealed under, instead of failing
 * every authentication later. The first start seals a known value; every later start must open it.
 */
public final class MasterKeyCheck {
    private static final String NAME = "master_key_check";
    private static final String PLAIN = "parley master key check";

    private MasterKeyCheck() {
    }

    public static void verify(Database database, Sealer sealer) {
        database.inTransaction(handle -> {
            var stored = handle.createQuery("SELECT sealed_value FROM installation WHERE name = :name")
                    .bind("name", NAME).mapTo(String.class).findOne();
            if (stored.isEmpty()) {
                handle.createUpdate("INSERT INTO installation (name, sealed_value) VALUES (:name, :value) ON CONFLICT DO NOTHING")
                        .bind("name", NAME).bind("value", sealer.seal(NAME, PLAIN)).execute();
                return null;
            }
            try {
                sealer.open(NAME, stored.get());
            } catch (Sealer.SealedSecretException e) {
                throw new ConfigException("PARLEY_MASTER_KEY does not match the key this database's secrets were "
                        + "sealed with; start Parley with the original master key");
            }
            return null;
        });
    }
}
