package dev.parley.auth;

import dev.parley.api.Origin;

/**
 * Who is calling: the account, the kind and id of the key used, the app, service account or integration it belongs
 * to, and
 * where the request came from.
 */
public record Principal(String accountId, KeyKind kind, String keyId, String appId, String serviceAccountId,
                        String integrationId, Origin origin) {
    private static final String OWNER_PREFIX = "owner_";

    public static Principal of(ApiKey key) {
        return new Principal(key.accountId(), key.kind(), key.id(), key.appId(), key.serviceAccountId(),
                key.integrationId(), Origin.NONE);
    }

    /**
     * A dashboard owner signed in to their account. The access policy treats them as an account key, so the dashboard
     * may do exactly what an account key may; the key id names the owner for anything that records who acted.
     */
    public static Principal ownerOf(String accountId, String ownerId) {
        return new Principal(accountId, KeyKind.ACCOUNT, OWNER_PREFIX + ownerId, null, null, null, Origin.NONE);
    }

    /** The same caller, acting from that request. */
    public Principal from(Origin requestOrigin) {
        return new Principal(accountId, kind, keyId, appId, serviceAccountId, integrationId, requestOrigin);
    }

    /** Whether this is a signed-in dashboard owner rather than an API key. */
    public boolean isOwner() {
        return keyId.startsWith(OWNER_PREFIX);
    }
}
