package dev.parley.auth;

import dev.parley.crypto.KeyKind;

/** Who is calling: the account, the kind and id of the key used, and the app or service account it belongs to. */
public record Principal(String accountId, KeyKind kind, String keyId, String appId, String serviceAccountId) {

    public static Principal of(ApiKey key) {
        return new Principal(key.accountId(), key.kind(), key.id(), key.appId(), key.serviceAccountId());
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
