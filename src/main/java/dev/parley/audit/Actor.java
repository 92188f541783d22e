package dev.parley.audit;

import dev.parley.api.Origin;
import dev.parley.auth.Principal;

/**
 * Who made a change, and from where.
 *
 * @param kind         {@code operator}, {@code account_key}, {@code app_key}, {@code service_account_key},
 *                     {@code integration_key},
 *                     {@code owner} (a signed-in dashboard owner) or {@code system} (background work)
 * @param accountId    the caller's account; null for the operator and the system
 * @param credentialId the key id, or {@code owner_<ownerId>} for an owner; null for the operator and the system
 * @param origin       the request that made the change; {@link Origin#NONE} for the system
 */
public record Actor(String kind, String accountId, String credentialId, Origin origin) {
    /** Work that no request asked for, such as background delivery and purges. */
    public static final Actor SYSTEM = new Actor("system", null, null, Origin.NONE);

    public static Actor operator(Origin origin) {
        return new Actor("operator", null, null, origin);
    }

    public static Actor of(Principal caller) {
        String kind = caller.isOwner() ? "owner" : caller.kind().storedName() + "_key";
        return new Actor(kind, caller.accountId(), caller.keyId(), caller.origin());
    }
}
