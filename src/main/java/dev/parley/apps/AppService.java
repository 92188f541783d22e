package dev.parley.apps;

import dev.parley.accounts.AccountStore;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.AppTokenGenerator;
import dev.parley.crypto.IdGenerator;
import dev.parley.api.ApiException;
import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.Database;
import java.util.Optional;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** The rules for apps: who may do what, validation, the plan's app limit, and grants to creating service accounts. */
public final class AppService {
    private final Database database;
    private final AppStore apps;
    private final AppCache cache;
    private final AccountStore accounts;
    private final ServiceAccountDirectory serviceAccounts;
    private final GrantStore grants;
    private final AccessPolicy policy;
    private final AppAccess access;
    private final IdGenerator ids;
    private final AppTokenGenerator appTokens;
    private final Revocations revocations;
    private final AuditLog audit;

    public AppService(Database database, AppStore apps, AppCache cache, AccountStore accounts,
                      ServiceAccountDirectory serviceAccounts, GrantStore grants, AccessPolicy policy,
                      AppAccess access, IdGenerator ids, AppTokenGenerator appTokens, Revocations revocations,
                      AuditLog audit) {
        this.database = database;
        this.apps = apps;
        this.cache = cache;
        this.accounts = accounts;
        this.serviceAccounts = serviceAccounts;
        this.grants = grants;
        this.policy = policy;
        this.access = access;
        this.ids = ids;
        this.appTokens = appTokens;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** Creates an app; the body is validated only once the caller is known to be allowed. */
    public App create(Principal caller, Supplier<AppChanges> request) {
        policy.onOwnAccount(caller, Action.CREATE_APP).enforce(ApiException::appNotFound);
        AppChanges body = request.get();
        AppSettings settings = body.settings().applyTo(AppSettings.DEFAULTS);
        App app = new App(ids.next(), caller.accountId(), body.displayName().orElseThrow(), appTokens.next(),
                settings, storedMetadata(body, null));
        // A caller bound to a service account reaches the apps it creates.
        String grantee = policy.reachingServiceAccount(caller);
        if (database.isPostgres()) {
            createInOneStatement(caller, app, grantee);
        } else {
            createInTransaction(caller, app, grantee);
        }
        return app;
    }

    /**
     * PostgreSQL: the plan's slot, the app, the grant and the audit row in one statement instead of a transaction of
     * four, so the account's counter row, which every creation in the account waits for, is held for that statement
     * only (creations in one account about doubled at 16 and 64 connections, measured with the benchmark's write
     * scenario). Writes the same rows as {@link #createInTransaction}; AppCreationPathsTest holds them to that.
     */
    void createInOneStatement(Principal caller, App app, String grantee) {
        AuditLog.Entry entry = audit.entry(Actor.of(caller), caller.accountId(), "app.create");
        if (!database.withoutTransaction(handle -> apps.insertWithinPlan(handle, app, grantee, entry))) {
            throw planFull();
        }
    }

    /** The embedded database, which has no data-modifying WITH: the same writes as a transaction of four statements. */
    void createInTransaction(Principal caller, App app, String grantee) {
        database.inTransaction(handle -> {
            if (!accounts.reserveAppSlot(handle, caller.accountId())) {
                throw planFull();
            }
            apps.insert(handle, app);
            if (grantee != null) {
                grants.grant(handle, grantee, app.id());
            }
            audit.record(handle, Actor.of(caller), caller.accountId(), "app.create", app.id());
            return null;
        });
    }

    private static ApiException planFull() {
        return ApiException.paymentRequired("Your account has reached the maximum number of apps for your subscription plan");
    }

    /** Lists the caller's apps; {@code serviceAccountId}, when given, keeps only the apps that service account reaches. */
    public Page<App> list(Principal caller, String serviceAccountId, PageRequest request) {
        return listing(caller, serviceAccountId,
                (handle, reachedBy) -> apps.list(handle, caller.accountId(), reachedBy, request));
    }

    /** The same list as {@link #list}, by limit and offset, for the v1.1 API. */
    public OffsetPage<App> listByOffset(Principal caller, String serviceAccountId, OffsetPageRequest request) {
        return listing(caller, serviceAccountId,
                (handle, reachedBy) -> apps.listByOffset(handle, caller.accountId(), reachedBy, request));
    }

    /** Runs a list query with the service account whose apps it may show: the caller's own, or the filter's. */
    private <R> R listing(Principal caller, String serviceAccountId, BiFunction<Handle, String, R> query) {
        policy.onOwnAccount(caller, Action.LIST_APPS).enforce(ApiException::appNotFound);
        if (serviceAccountId != null) {
            policy.onAppsOfServiceAccount(caller, serviceAccountId).enforce(ApiException::appNotFound);
        }
        String reaching = policy.reachingServiceAccount(caller);
        return database.withoutTransaction(handle -> {
            if (reaching != null) {
                return query.apply(handle, reaching);
            }
            if (serviceAccountId != null) {
                requireServiceAccountOfAccount(handle, caller.accountId(), serviceAccountId);
            }
            return query.apply(handle, serviceAccountId);
        });
    }

    public App get(Principal caller, String appId) {
        String reaching = policy.reachingServiceAccount(caller);
        if (reaching != null) {
            // A service account's access depends on a grant, read with the app and never cached.
            return allowed(caller, Action.READ_APP, database.readDirect(
                    connection -> apps.findAsSeenBy(connection, appId, reaching)));
        }
        Optional<App> app = cache.find(appId, id -> database.readDirect(connection -> apps.find(connection, id)));
        return allowed(caller, Action.READ_APP, app.map(found -> AppStore.Seen.of(found, false)));
    }

    public App update(Principal caller, String appId, Supplier<AppChanges> request) {
        return database.inTransaction(handle -> {
            App current = allowed(caller, Action.UPDATE_APP, apps.findForUpdateAsSeenBy(handle, appId,
                    policy.reachingServiceAccount(caller)));
            AppChanges body = request.get();
            App updated = current.withChanges(body.displayName().orElse(current.displayName()),
                    body.settings().applyTo(current.settings()), storedMetadata(body, current.metadata()));
            apps.update(handle, updated);
            cache.dropAfterCommit(handle, appId);
            audit.record(handle, Actor.of(caller), caller.accountId(), "app.update", appId);
            return updated;
        });
    }

    public void delete(Principal caller, String appId) {
        database.inTransaction(handle -> {
            access.require(handle, caller, Action.DELETE_APP, appId);
            // The account's row first, as the account's deletion takes it: both record the app in deleted_apps, and
            // taking the two locks in opposite orders would deadlock them.
            accounts.releaseAppSlot(handle, caller.accountId());
            if (!apps.delete(handle, appId)) {
                throw ApiException.appNotFound();
            }
            revocations.revoke(handle, Revocation.ofApp(appId));
            audit.record(handle, Actor.of(caller), caller.accountId(), "app.delete", appId);
            return null;
        });
    }

    private App allowed(Principal caller, Action action, Optional<AppStore.Seen> seen) {
        policy.onApp(caller, action, seen.map(AppStore.Seen::target).orElse(null)).enforce(ApiException::appNotFound);
        return seen.orElseThrow().app();
    }

    private void requireServiceAccountOfAccount(Handle handle, String accountId, String serviceAccountId) {
        if (!IdGenerator.isId(serviceAccountId) || !serviceAccounts.belongsTo(handle, serviceAccountId, accountId)) {
            throw ApiException.notFound("Service account not found");
        }
    }

    private static String storedMetadata(AppChanges body, String current) {
        if (body.metadata().isEmpty()) {
            return current;
        }
        String given = body.metadata().get();
        return given.isEmpty() ? null : given;
    }
}
