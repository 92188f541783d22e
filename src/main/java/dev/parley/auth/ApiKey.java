package dev.parley.auth;

/**
 * An API key with its secret opened. Beyond the account, the fields its kind is owned by are set: {@code appId}
 * for app keys, {@code serviceAccountId} for service-account keys, {@code integrationId} and its {@code appId} for
 * integration keys, none for account keys.
 */
public record ApiKey(String id, KeyKind kind, String accountId, String appId, String serviceAccountId,
                     String integrationId, String displayName, String secret) {

    /**
     * A key of the record {@code ownerId} of its kind: the account itself, an app, a service account or an
     * integration.
     *
     * @param appId the app an integration's keys belong to; ignored for the other kinds
     */
    public static ApiKey ownedBy(String ownerId, String appId, String id, KeyKind kind, String accountId,
                                 String displayName, String secret) {
        return new ApiKey(id, kind, accountId,
                kind == KeyKind.APP ? ownerId : kind == KeyKind.INTEGRATION ? appId : null,
                kind == KeyKind.SERVICE_ACCOUNT ? ownerId : null, kind == KeyKind.INTEGRATION ? ownerId : null,
                displayName, secret);
    }

    /** The id of the record that owns the key: its app, its service account, or for an account key the account. */
    public String ownerId() {
        return switch (kind) {
            case ACCOUNT -> accountId;
            case APP -> appId;
            case SERVICE_ACCOUNT -> serviceAccountId;
            case INTEGRATION -> integrationId;
        };
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
