package dev.parley.auth;

/**
 * The one place that decides who may do what, from the {@link AccessTable} and one rule above it: nothing of
 * another account exists for anyone. Services ask it before acting; routes and stores never look at key kinds.
 */
public final class AccessPolicy {
    private final AccessTable table;

    public AccessPolicy(AccessTable table) {
        this.table = table;
    }

    /** An action on the caller's own account as a whole: creating or listing apps or service accounts, its keys. */
    public Decision onOwnAccount(Principal caller, Action action) {
        return reachesNothing(caller, action) ? Decision.FORBIDDEN : Decision.ALLOW;
    }

    /** An action on a record that belongs to an account (a service account, say); a null owner is no record. */
    public Decision onRecordOf(Principal caller, Action action, String ownerAccountId) {
        if (reachesNothing(caller, action)) {
            return Decision.FORBIDDEN;
        }
        return caller.accountId().equals(ownerAccountId) ? Decision.ALLOW : Decision.NOT_FOUND;
    }

    /** An action on one app; a null target is an app that does not exist. */
    public Decision onApp(Principal caller, Action action, AppTarget target) {
        if (target == null || !target.accountId().equals(caller.accountId())) {
            return Decision.NOT_FOUND;
        }
        if (reach(caller, Action.READ_APP) == Reach.GRANTED_APPS && !target.reachedByCaller()) {
            return Decision.NOT_FOUND;
        }
        boolean ownApp = target.appId().equals(caller.appId());
        if (reach(caller, Action.READ_APP) == Reach.NONE_IN_OWN_APP && !ownApp) {
            return Decision.NOT_FOUND;
        }
        return switch (reach(caller, action)) {
            case ACCOUNT, GRANTED_APPS -> Decision.ALLOW;
            case OWN_APP -> ownApp ? Decision.ALLOW : Decision.FORBIDDEN;
            case OWN_APP_HIDING_OTHERS, OWN_INTEGRATION -> ownApp ? Decision.ALLOW : Decision.NOT_FOUND;
            case NONE, NONE_IN_OWN_APP -> Decision.FORBIDDEN;
        };
    }

    /**
     * An action on one integration of an app the caller was already allowed the action on ({@link #onApp}): a
     * caller that reaches only its own integration is forbidden the others.
     */
    public Decision onIntegration(Principal caller, Action action, String integrationId) {
        if (reach(caller, action) == Reach.OWN_INTEGRATION) {
            return integrationId.equals(caller.integrationId()) ? Decision.ALLOW : Decision.FORBIDDEN;
        }
        return Decision.ALLOW;
    }

    /** Listing the apps a service account reaches: a caller bound to a service account may name only its own. */
    public Decision onAppsOfServiceAccount(Principal caller, String serviceAccountId) {
        if (onOwnAccount(caller, Action.LIST_APPS) == Decision.FORBIDDEN) {
            return Decision.FORBIDDEN;
        }
        String reaching = reachingServiceAccount(caller);
        return reaching == null || reaching.equals(serviceAccountId) ? Decision.ALLOW : Decision.FORBIDDEN;
    }

    /**
     * The service account whose grants bound the apps the caller sees (and which is granted the apps it creates),
     * or null when the caller is not bound by grants.
     */
    public String reachingServiceAccount(Principal caller) {
        return reach(caller, Action.READ_APP) == Reach.GRANTED_APPS ? caller.serviceAccountId() : null;
    }

    private boolean reachesNothing(Principal caller, Action action) {
        Reach reach = reach(caller, action);
        return reach == Reach.NONE || reach == Reach.NONE_IN_OWN_APP;
    }

    private Reach reach(Principal caller, Action action) {
        return table.reach(caller.kind(), action);
    }
}
