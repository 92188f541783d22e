package dev.parley.auth;

/**
 * An API key with its secret opened. Beyond the account, the one field its kind is owned by is set: {@code appId}
 * for app keys, {@code serviceAccountId} for service-account keys, neither for account keys.
 */
public record ApiKey(String id, KeyKind kind, String accountId, String appId, String serviceAccountId,
                     String displayName, String secret) {

    /** A key of the record {@code ownerId} of its kind: the account itself, an app or a service account. */
    public static ApiKey ownedBy(String ownerId, String id, KeyKind kind, String accountId, String displayName,
                                 String secret) {
        return new ApiKey(id, kind, accountId, kind == KeyKind.APP ? ownerId : null,
                kind == KeyKind.SERVICE_ACCOUNT ? ownerId : null, displayName, secret);
    }

    /** The id of the record that owns the key: its app, its service account, or for an account key the account. */
    public String ownerId() {
        return switch (kind) {
            case ACCOUNT -> accountId;
            case APP -> appId;
            case SERVICE_ACCOUNT -> serviceAccountId;
        };
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
