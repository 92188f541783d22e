package dev.parley.auth;

/**
 * A deletion that ends credentials: one key, or every key of an app, a service account, an integration or an
 * account.
 * Its text form travels between servers on the revocation channel.
 */
public record Revocation(Scope scope, String id) {

    public enum Scope {
        KEY, APP, SERVICE_ACCOUNT, INTEGRATION, ACCOUNT
    }

    public static Revocation ofKey(String keyId) {
        return new Revocation(Scope.KEY, keyId);
    }

    public static Revocation ofApp(String appId) {
        return new Revocation(Scope.APP, appId);
    }

    public static Revocation ofServiceAccount(String serviceAccountId) {
        return new Revocation(Scope.SERVICE_ACCOUNT, serviceAccountId);
    }

    public static Revocation ofIntegration(String integrationId) {
        return new Revocation(Scope.INTEGRATION, integrationId);
    }

    public static Revocation ofAccount(String accountId) {
        return new Revocation(Scope.ACCOUNT, accountId);
    }

    /** Whether this revocation ends the given key. */
    public boolean covers(ApiKey key) {
        return switch (scope) {
            case KEY -> key.id().equals(id);
            case APP -> id.equals(key.appId());
            case SERVICE_ACCOUNT -> id.equals(key.serviceAccountId());
            case INTEGRATION -> id.equals(key.integrationId());
            case ACCOUNT -> key.accountId().equals(id);
        };
    }

    public String toText() {
        return scope.name() + ":" + id;
    }

    /** Parses {@link #toText()}; null for anything else. */
    public static Revocation fromText(String text) {
        int colon = text == null ? -1 : text.indexOf(':');
        if (colon < 0) {
            return null;
        }
        try {
            return new Revocation(Scope.valueOf(text.substring(0, colon)), text.substring(colon + 1));
        } catch (IllegalArgumentException e) {
            return null;
        }
    }
}
