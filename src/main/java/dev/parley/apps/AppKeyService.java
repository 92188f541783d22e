package dev.parley.apps;

import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.ApiKey;
import dev.parley.auth.ApiKeyStore;
import dev.parley.auth.AppTarget;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.auth.KeyKind;
import dev.parley.api.ApiException;
import dev.parley.store.Database;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/** App keys: at most ten per app, managed by the callers the access policy lets manage the app's keys. */
public final class AppKeyService {
    private final Database database;
    private final AppStore apps;
    private final ApiKeyStore keys;
    private final AccessPolicy policy;
    private final Revocations revocations;
    private final AuditLog audit;

    public AppKeyService(Database database, AppStore apps, ApiKeyStore keys, AccessPolicy policy,
                         Revocations revocations, AuditLog audit) {
        this.database = database;
        this.apps = apps;
        this.keys = keys;
        this.policy = policy;
        this.revocations = revocations;
        this.audit = audit;
    }

    public ApiKey create(Principal caller, String appId, Supplier<String> displayNameOfRequest) {
        return database.inTransaction(handle -> {
            AppTarget app = authorize(handle, caller, appId);
            String displayName = displayNameOfRequest.get();
            if (!apps.reserveKeySlot(handle, app.appId())) {
                throw ApiException.badRequest("An app can have at most " + AppStore.MAX_KEYS_PER_APP
                        + " keys; delete one before creating another");
            }
            ApiKey key = keys.insert(handle, KeyKind.APP, app.accountId(), app.appId(), null, displayName);
            audit.record(handle, Actor.of(caller), caller.accountId(), "app_key.create", key.id());
            return key;
        });
    }

    public List<ApiKey> list(Principal caller, String appId) {
        return database.read(handle -> {
            authorize(handle, caller, appId);
            return keys.listForApp(handle, appId);
        });
    }

    public ApiKey get(Principal caller, String appId, String keyId) {
        return database.read(handle -> {
            authorize(handle, caller, appId);
            return keyOfApp(handle, appId, keyId);
        });
    }

    public void delete(Principal caller, String appId, String keyId) {
        database.inTransaction(handle -> {
            authorize(handle, caller, appId);
            keyOfApp(handle, appId, keyId);
            keys.delete(handle, keyId);
            apps.releaseKeySlot(handle, appId);
            revocations.revoke(handle, Revocation.ofKey(keyId));
            audit.record(handle, Actor.of(caller), caller.accountId(), "app_key.delete", keyId);
            return null;
        });
    }

    private AppTarget authorize(Handle handle, Principal caller, String appId) {
        AppTarget target = apps.target(handle, appId, caller);
        policy.onApp(caller, Action.MANAGE_APP_KEYS, target).enforce(ApiException::appNotFound);
        return target;
    }

    private ApiKey keyOfApp(Handle handle, String appId, String keyId) {
        return keys.find(handle, keyId)
                .filter(key -> appId.equals(key.appId()))
                .orElseThrow(() -> ApiException.notFound("Key not found"));
    }
}
