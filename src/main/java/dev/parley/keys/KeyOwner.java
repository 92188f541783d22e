package dev.parley.keys;

import dev.parley.auth.KeyKind;
import dev.parley.store.LimitedCounter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * The records that own keys of one kind (the account itself, apps, service accounts, integrations), as one caller
 * sees them:
 * whether that caller may manage an owner's keys, and how many keys an owner may have. Each owner's feature
 * provides one; {@link KeyService} does the rest the same way for all of them.
 */
public interface KeyOwner {
    KeyKind kind();

    /**
     * Checks, inside the transaction, that the caller may manage the keys of the owner with this id, throwing
     * 403 or the owner's own 404 otherwise; returns the owner's account id.
     */
    String authorize(Handle handle, String ownerId);

    /** The counter that holds each owner to its most keys, or empty where there is no such limit. */
    Optional<LimitedCounter> keySlots();

    /** The 400's title when an owner has the most keys allowed. */
    String tooManyKeys();

    /**
     * The app whose data the owners are kept among (an integration's app: its row's key leads with the app's id,
     * and its keys belong to that app too), or null for owners kept on their own.
     */
    default String appId() {
        return null;
    }
}
