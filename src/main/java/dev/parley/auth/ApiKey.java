package dev.parley.auth;

import dev.parley.crypto.KeyKind;

/**
 * An API key with its secret opened. Exactly one owner field beyond the account is set, by kind: {@code appId}
 * for app keys, {@code serviceAccountId} for service-account keys, neither for account keys.
 */
public record ApiKey(String id, KeyKind kind, String accountId, String appId, String serviceAccountId,
                     String displayName, String secret) {

    public KeyView view() {
        return new KeyView(id, displayName, secret);
    }

    public KeySummary summary() {
        return new KeySummary(id, displayName);
    }

    @Override
    public String toString() {
        return "ApiKey[" + id + "]";
    }
}
