package dev.parley.auth;

/**
 * The one place that decides who may do what. Services ask it before acting; routes and stores never look at
 * key kinds themselves.
 *
 * <ul>
 *   <li>An account key may do everything inside its own account. A signed-in dashboard owner acts as one
 *       ({@link Principal#ownerOf}).</li>
 *   <li>A service-account key may create and list apps, and read, update, delete and manage the keys of the apps
 *       it created or was granted; other apps do not exist for it. It may not touch service accounts.</li>
 *   <li>An app key may read and update its own app, and nothing else.</li>
 *   <li>Nothing of another account exists for anyone.</li>
 * </ul>
 */
public final class AccessPolicy {

    /** Actions on the app collection: create and list. */
    public Decision onApps(Principal caller, Action action) {
        requireOneOf(action, Action.CREATE_APP, Action.LIST_APPS);
        return caller.isAppKey() ? Decision.FORBIDDEN : Decision.ALLOW;
    }

    /** Listing apps filtered by service account: a service account may name only itself. */
    public Decision onAppsOfServiceAccount(Principal caller, String serviceAccountId) {
        if (caller.isAppKey()) {
            return Decision.FORBIDDEN;
        }
        if (caller.isServiceAccountKey() && !caller.serviceAccountId().equals(serviceAccountId)) {
            return Decision.FORBIDDEN;
        }
        return Decision.ALLOW;
    }

    /** Actions on one app; a null target is an app that does not exist. */
    public Decision onApp(Principal caller, Action action, AppTarget target) {
        requireOneOf(action, Action.READ_APP, Action.UPDATE_APP, Action.DELETE_APP, Action.MANAGE_APP_KEYS,
                Action.GRANT_APP_ACCESS);
        if (target == null || !target.accountId().equals(caller.accountId())) {
            return Decision.NOT_FOUND;
        }
        return switch (caller.kind()) {
            case ACCOUNT -> Decision.ALLOW;
            case SERVICE_ACCOUNT -> !target.reachedByCaller() ? Decision.NOT_FOUND
                    : action == Action.GRANT_APP_ACCESS ? Decision.FORBIDDEN : Decision.ALLOW;
            case APP -> target.appId().equals(caller.appId())
                    && (action == Action.READ_APP || action == Action.UPDATE_APP)
                    ? Decision.ALLOW : Decision.FORBIDDEN;
        };
    }

    /** Service accounts, their keys and their grants: account keys only, and only within their account. */
    public Decision onServiceAccounts(Principal caller) {
        return caller.isAccountKey() ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    /** One service account; a null owner is one that does not exist. */
    public Decision onServiceAccount(Principal caller, String ownerAccountId) {
        if (!caller.isAccountKey()) {
            return Decision.FORBIDDEN;
        }
        return caller.accountId().equals(ownerAccountId) ? Decision.ALLOW : Decision.NOT_FOUND;
    }

    /** The account itself and its account keys: account keys (and owners) of that account only. */
    public Decision onAccount(Principal caller, String accountId) {
        if (!caller.accountId().equals(accountId)) {
            return Decision.NOT_FOUND;
        }
        return caller.isAccountKey() ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    private static void requireOneOf(Action action, Action... allowed) {
        for (Action a : allowed) {
            if (a == action) {
                return;
            }
        }
        throw new IllegalArgumentException(action + " is not decided here");
    }
}
