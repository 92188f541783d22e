package dev.parley.auth;


/** Who is calling: the account, the kind and id of the key used, and the app or service account it belongs to. */
public record Principal(String accountId, KeyKind kind, String keyId, String appId, String serviceAccountId) {
    private static final String OWNER_PREFIX = "owner_";

    public static Principal of(ApiKey key) {
        return new Principal(key.accountId(), key.kind(), key.id(), key.appId(), key.serviceAccountId());
    }

    /**
     * A dashboard owner signed in to their account. The access policy treats them as an account key, so the dashboard
     * may do exactly what an account key may; the key id names the owner for anything that records who acted.
     */
    public static Principal ownerOf(String accountId, String ownerId) {
        return new Principal(accountId, KeyKind.ACCOUNT, OWNER_PREFIX + ownerId, null, null);
    }

    /** Whether this is a signed-in dashboard owner rather than an API key. */
    public boolean isOwner() {
        return keyId.startsWith(OWNER_PREFIX);
    }

    public boolean isAccountKey() {
        return kind == KeyKind.ACCOUNT;
    }

    public boolean isAppKey() {
        return kind == KeyKind.APP;
    }

    public boolean isServiceAccountKey() {
        return kind == KeyKind.SERVICE_ACCOUNT;
    }
}
