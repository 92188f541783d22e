package dev.parley.apps;

import dev.parley.auth.Action;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.keys.KeyOwner;
import dev.parley.store.LimitedCounter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/** Apps as owners of app keys: at most ten each, managed by whoever may manage the app's keys. */
public record AppKeys(AppAccess access, Principal caller) implements KeyOwner {
    @Override
    public KeyKind kind() {
        return KeyKind.APP;
    }

    @Override
    public String authorize(Handle handle, String appId) {
        return access.require(handle, caller, Action.MANAGE_APP_KEYS, appId).accountId();
    }

    @Override
    public Optional<LimitedCounter> keySlots() {
        return Optional.of(AppStore.KEY_SLOTS);
    }

    @Override
    public String tooManyKeys() {
        return "An app can have at most " + AppStore.MAX_KEYS_PER_APP + " keys; delete one before creating another";
    }
}
