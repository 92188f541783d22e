package dev.parley.serviceaccounts;

import dev.parley.apps.App;
import dev.parley.apps.AppStore;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.ApiKey;
import dev.parley.auth.ApiKeyStore;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.IdGenerator;
import dev.parley.auth.KeyKind;
import dev.parley.api.ApiException;
import dev.parley.api.OffsetPage;
import dev.parley.api.OffsetPageRequest;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.Database;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** Service accounts, their keys (at most ten each) and the apps they are granted. Account keys only. */
public final class ServiceAccountService {
    private final Database database;
    private final ServiceAccountStore serviceAccounts;
    private final GrantStore grants;
    private final AppStore apps;
    private final ApiKeyStore keys;
    private final AccessPolicy policy;
    private final IdGenerator ids;
    private final Revocations revocations;
    private final AuditLog audit;

    public ServiceAccountService(Database database, ServiceAccountStore serviceAccounts, GrantStore grants,
                                 AppStore apps, ApiKeyStore keys, AccessPolicy policy, IdGenerator ids,
                                 Revocations revocations, AuditLog audit) {
        this.database = database;
        this.serviceAccounts = serviceAccounts;
        this.grants = grants;
        this.apps = apps;
        this.keys = keys;
        this.policy = policy;
        this.ids = ids;
        this.revocations = revocations;
        this.audit = audit;
    }

    public ServiceAccount create(Principal caller, Supplier<String> displayNameOfRequest) {
        policy.onServiceAccounts(caller).enforce(ServiceAccountService::notFound);
        ServiceAccount created = new ServiceAccount(ids.next(), caller.accountId(), displayNameOfRequest.get());
        database.inTransaction(handle -> {
            serviceAccounts.insert(handle, created);
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.create", created.id());
            return null;
        });
        return created;
    }

    public Page<ServiceAccount> list(Principal caller, PageRequest request) {
        policy.onServiceAccounts(caller).enforce(ServiceAccountService::notFound);
        return database.read(handle -> serviceAccounts.list(handle, caller.accountId(), request));
    }

    /** The same list as {@link #list}, by limit and offset, for the v1.1 API. */
    public OffsetPage<ServiceAccount> listByOffset(Principal caller, OffsetPageRequest request) {
        policy.onServiceAccounts(caller).enforce(ServiceAccountService::notFound);
        return database.read(handle -> serviceAccounts.listByOffset(handle, caller.accountId(), request));
    }

    public ServiceAccount get(Principal caller, String id) {
        return database.read(handle -> authorized(handle, caller, id));
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

    public ApiKey createKey(Principal caller, String id, Supplier<String> displayNameOfRequest) {
        return database.inTransaction(handle -> {
            ServiceAccount serviceAccount = authorized(handle, caller, id);
            String displayName = displayNameOfRequest.get();
            if (!serviceAccounts.reserveKeySlot(handle, id)) {
                throw ApiException.badRequest("A service account can have at most "
                        + ServiceAccountStore.MAX_KEYS_PER_SERVICE_ACCOUNT + " keys; delete one before creating another");
            }
            ApiKey key = keys.insert(handle, KeyKind.SERVICE_ACCOUNT, serviceAccount.accountId(), null, id,
                    displayName);
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account_key.create", key.id());
            return key;
        });
    }

    public List<ApiKey> listKeys(Principal caller, String id) {
        return database.read(handle -> {
            authorized(handle, caller, id);
            return keys.listForServiceAccount(handle, id);
        });
    }

    public ApiKey getKey(Principal caller, String id, String keyId) {
        return database.read(handle -> {
            authorized(handle, caller, id);
            return keyOf(handle, id, keyId);
        });
    }

    public void deleteKey(Principal caller, String id, String keyId) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            keys.delete(handle, keyOf(handle, id, keyId).id());
            serviceAccounts.releaseKeySlot(handle, id);
            revocations.revoke(handle, Revocation.ofKey(keyId));
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account_key.delete", keyId);
            return null;
        });
    }

    public void grant(Principal caller, String id, String appId) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            policy.onApp(caller, Action.GRANT_APP_ACCESS, apps.target(handle, appId, caller))
                    .enforce(ApiException::appNotFound);
            grants.grant(handle, id, appId);
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.grant", id + "/" + appId);
            return null;
        });
    }

    public void revoke(Principal caller, String id, String appId) {
        database.inTransaction(handle -> {
            authorized(handle, caller, id);
            policy.onApp(caller, Action.GRANT_APP_ACCESS, apps.target(handle, appId, caller))
                    .enforce(ApiException::appNotFound);
            if (!grants.revoke(handle, id, appId)) {
                throw ApiException.notFound("The service account has no access to that app");
            }
            audit.record(handle, Actor.of(caller), caller.accountId(), "service_account.revoke", id + "/" + appId);
            return null;
        });
    }

    public Page<App> listApps(Principal caller, String id, PageRequest request) {
        return database.read(handle -> {
            ServiceAccount serviceAccount = authorized(handle, caller, id);
            return apps.list(handle, serviceAccount.accountId(), id, request);
        });
    }

    /** The service accounts that reach an app, for the callers who may see both. */
    public Page<ServiceAccount> listReaching(Principal caller, String appId, PageRequest request) {
        policy.onServiceAccounts(caller).enforce(ServiceAccountService::notFound);
        return database.read(handle -> {
            policy.onApp(caller, Action.READ_APP, apps.target(handle, appId, caller)).enforce(ApiException::appNotFound);
            return serviceAccounts.listReaching(handle, caller.accountId(), appId, request);
        });
    }

    private ServiceAccount authorized(Handle handle, Principal caller, String id) {
        policy.onServiceAccounts(caller).enforce(ServiceAccountService::notFound);
        ServiceAccount found = IdGenerator.isId(id) ? serviceAccounts.find(handle, id).orElse(null) : null;
        policy.onServiceAccount(caller, found == null ? null : found.accountId())
                .enforce(ServiceAccountService::notFound);
        return found;
    }

    private ApiKey keyOf(Handle handle, String serviceAccountId, String keyId) {
        return keys.find(handle, keyId)
                .filter(key -> serviceAccountId.equals(key.serviceAccountId()))
                .orElseThrow(() -> ApiException.notFound("Key not found"));
    }

    private static ApiException notFound() {
        return ApiException.notFound("Service account not found");
    }
}
