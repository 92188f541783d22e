package dev.parley.serviceaccounts;

import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.keys.KeyOwner;
import dev.parley.store.LimitedCounter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Service accounts as owners of service-account keys: at most ten each, managed by whoever manages the account. */
public record ServiceAccountKeys(ServiceAccountService serviceAccounts, Principal caller) implements KeyOwner {

    @Override
    public KeyKind kind() {
        return KeyKind.SERVICE_ACCOUNT;
    }

    @Override
    public String authorize(Handle handle, String serviceAccountId) {
        return serviceAccounts.authorized(handle, caller, serviceAccountId).accountId();
    }

    @Override
    public Optional<LimitedCounter> keySlots() {
        return Optional.of(ServiceAccountStore.KEY_SLOTS);
    }

    @Override
    public String tooManyKeys() {
        return "A service account can have at most " + ServiceAccountStore.MAX_KEYS_PER_SERVICE_ACCOUNT
                + " keys; delete one before creating another";
    }
}
