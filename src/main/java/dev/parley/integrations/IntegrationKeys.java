package dev.parley.integrations;

import dev.parley.apps.AppAccess;
import dev.parley.auth.Action;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.keys.KeyOwner;
import dev.parley.store.LimitedCounter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The custom integrations of one app as owners of integration keys ({@code int_}): at most ten each, managed by
 * whoever may manage the app's integrations.
 */
record IntegrationKeys(AppAccess apps, IntegrationStore integrations, Principal caller, String appId)
        implements KeyOwner {

    @Override
    public KeyKind kind() {
        return KeyKind.INTEGRATION;
    }

    @Override
    public String authorize(Handle handle, String integrationId) {
        String accountId = apps.require(handle, caller, Action.MANAGE_INTEGRATIONS, appId).accountId();
        integrations.require(handle, appId, integrationId, false);
        return accountId;
    }

    @Override
    public Optional<LimitedCounter> keySlots() {
        return Optional.of(IntegrationStore.KEY_SLOTS);
    }

    @Override
    public String tooManyKeys() {
        return "A custom integration can have at most " + IntegrationStore.MAX_KEYS_PER_INTEGRATION
                + " keys; delete one before creating another";
    }
}
