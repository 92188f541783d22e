package dev.parley.audit;

import dev.parley.auth.Principal;

/**
 * Who made a change: the operator, or a credential of an account.
 *
 * @param kind         {@code operator}, {@code account_key}, {@code app_key}, {@code service_account_key} or
 *                     {@code owner} (a signed-in dashboard owner)
 * @param accountId    the caller's account; null for the operator
 * @param credentialId the key id, or {@code owner_<ownerId>} for an owner; null for the operator
 */
public record Actor(String kind, String accountId, String credentialId) {
    public static final Actor OPERATOR = new Actor("operator", null, null);

    public static Actor of(Principal caller) {
        if (caller.isOwner()) {
            return new Actor("owner", caller.accountId(), caller.keyId());
        }
        String kind = switch (caller.kind()) {
            case ACCOUNT -> "account_key";
            case APP -> "app_key";
            case SERVICE_ACCOUNT -> "service_account_key";
        };
        return new Actor(kind, caller.accountId(), caller.keyId());
    }
}
