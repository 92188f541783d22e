package dev.parley.apps;

import dev.parley.api.ApiException;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Principal;
import org.jdbi.v3.core.Handle;

/**
 * The one way to require an app before acting on or inside it: finds it as the caller sees it and answers the
 * access policy's 403, or the app's own 404 ({@code app_not_found}).
 */
public final class AppAccess {
    private final AppStore apps;
    private final AccessPolicy policy;

    public AppAccess(AppStore apps, AccessPolicy policy) {
        this.apps = apps;
        this.policy = policy;
    }

    /** The app, when the caller may take that action on it; otherwise throws. */
    public AppTarget require(Handle handle, Principal caller, Action action, String appId) {
        AppTarget target = apps.target(handle, appId, policy.reachingServiceAccount(caller));
        policy.onApp(caller, action, target).enforce(ApiException::appNotFound);
        return target;
    }
}
