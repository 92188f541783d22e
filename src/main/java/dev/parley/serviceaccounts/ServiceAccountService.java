package dev.parley.serviceaccounts;

import dev.parley.apps.App;
import dev.parley.apps.AppAccess;
import dev.parley.apps.AppStore;
import dev.parley.apps.GrantStore;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.IdGenerator;
import dev.parley.api.ApiException;
import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.Database;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** Service accounts and the apps they are granted. Account keys only. */
public final class ServiceAccountService {
    private final Database database;
    private final ServiceAccountStore serviceAccounts;
    private final GrantStore grants;
    private final AppStore apps;
    private final AccessPolicy policy;
    private final AppAccess access;
    private final IdGenerator ids;
    private final Revocations revocations;
    private final AuditLog audit;

    public ServiceAccountService(Database database, ServiceAccountStore serviceAccounts, GrantStore grants,
                                 AppStore apps, AccessPolicy policy, AppAccess access, IdGenerator ids,
                                 Revocations revocations, AuditLog audit) {
        this.database = database;
        this.serviceAccounts = serviceAccounts;
        this.grants = grants;
        this.apps = apps;
        this.policy = policy;
        this.access = access;
        this.ids = ids;
        this.revocations = revocations;
        this.audit = audit;
    }

    public ServiceAccount create(Principal caller, Supplier<String> displayNameOfRequest) {
        policy.onOwnAccount(caller, Action.MANAGE_SERVICE_ACCOUNTS).enforce(ServiceAccountService::notFound);
        ServiceAccount created = new ServiceAccount(ids.next(), caller.accountId(), displayNameOfRequest.get());
        database.inTransaction(handle -> {
            serviceAccounts.insert(handle, created);
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.create", created.id());
            return null;
        });
        return created;
    }

    public Page<ServiceAccount> list(Principal caller, PageRequest request) {
        policy.onOwnAccount(caller, Action.MANAGE_SERVICE_ACCOUNTS).enforce(ServiceAccountService::notFound);
        return database.withoutTransaction(handle -> serviceAccounts.list(handle, caller.accountId(), request));
    }

    /** The same list as {@link #list}, by limit and offset, for the v1.1 API. */
    public OffsetPage<ServiceAccount> listByOffset(Principal caller, OffsetPageRequest request) {
        policy.onOwnAccount(caller, Action.MANAGE_SERVICE_ACCOUNTS).enforce(ServiceAccountService::notFound);
        return database.withoutTransaction(handle -> serviceAccounts.listByOffset(handle, caller.accountId(), request));
    }

    public ServiceAccount get(Principal caller, String id) {
        return database.withoutTransaction(handle -> authorized(handle, caller, id));
    }

    /** Renames the service account when the request names a new displayName; otherwise returns it unchanged. */
    public ServiceAccount update(Principal caller, String id, Supplier<Optional<String>> displayNameOfRequest) {
        return database.inTransaction(handle -> {
            ServiceAccount current = authorized(handle, caller, id);
            Optional<String> displayName = displayNameOfRequest.get();
            if (displayName.isEmpty()) {
                return current;
            }
            serviceAccounts.rename(handle, id, displayName.get());
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.update", id);
            return new ServiceAccount(current.id(), current.accountId(), displayName.get());
        });
    }

    /** Deletes the service account with its keys and grants; its apps stay with the account. */
    public void delete(Principal caller, String id) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            if (!serviceAccounts.delete(handle, id)) {
                throw notFound();
            }
            revocations.revoke(handle, Revocation.ofServiceAccount(id));
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.delete", id);
            return null;
        });
    }

    public void grant(Principal caller, String id, String appId) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            access.require(handle, caller, Action.GRANT_APP_ACCESS, appId);
            grants.grant(handle, id, appId);
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.grant", id + "/" + appId);
            return null;
        });
    }

    public void revoke(Principal caller, String id, String appId) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            access.require(handle, caller, Action.GRANT_APP_ACCESS, appId);
            if (!grants.revoke(handle, id, appId)) {
                throw ApiException.notFound("The service account has no access to that app");
            }
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.revoke", id + "/" + appId);
            return null;
        });
    }

    public Page<App> listApps(Principal caller, String id, PageRequest request) {
        return database.withoutTransaction(handle -> {
            ServiceAccount serviceAccount = authorized(handle, caller, id);
            return apps.list(handle, serviceAccount.accountId(), id, request);
        });
    }

    /** The service accounts that reach an app, for the callers who may see both. */
    public Page<ServiceAccount> listReaching(Principal caller, String appId, PageRequest request) {
        policy.onOwnAccount(caller, Action.MANAGE_SERVICE_ACCOUNTS).enforce(ServiceAccountService::notFound);
        return database.withoutTransaction(handle -> {
            access.require(handle, caller, Action.READ_APP, appId);
            return serviceAccounts.listReaching(handle, caller.accountId(), appId, request);
        });
    }

    /** The service account, when the caller may manage it; otherwise throws 403 or its 404. */
    ServiceAccount authorized(Handle handle, Principal caller, String id) {
        policy.onOwnAccount(caller, Action.MANAGE_SERVICE_ACCOUNTS).enforce(ServiceAccountService::notFound);
        ServiceAccount found = IdGenerator.isId(id) ? serviceAccounts.find(handle, id).orElse(null) : null;
        policy.onRecordOf(caller, Action.MANAGE_SERVICE_ACCOUNTS, found == null ? null : found.accountId())
                .enforce(ServiceAccountService::notFound);
        return found;
    }


    private static ApiException notFound() {
        return ApiException.notFound("Service account not found");
    }
}
