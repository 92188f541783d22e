package dev.parley.keys;

import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.ApiKey;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.store.Database;
import dev.parley.store.LimitedCounter;
import java.util.List;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Every kind of API key, managed one way: authorize the caller on the key's owner, hold the owner to its most keys,
 * insert or delete, revoke at once on every server, and record it in the audit log, all in one transaction.
 */
public final class KeyService {
    private final Database database;
    private final ApiKeyStore keys;
    private final Revocations revocations;
    private final AuditLog audit;

    public KeyService(Database database, ApiKeyStore keys, Revocations revocations, AuditLog audit) {
        this.database = database;
        this.keys = keys;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** A new key of the owner; the name is read (and validated) once the caller is known to be allowed. */
    public ApiKey create(Actor actor, KeyOwner owner, String ownerId, Supplier<String> displayNameOfRequest) {
        return database.inTransaction(handle -> {
            String accountId = owner.authorize(handle, ownerId);
            String displayName = displayNameOfRequest.get();
            if (owner.keySlots().isPresent() && !takeSlot(handle, owner.keySlots().get(), owner, ownerId)) {
                throw ApiException.badRequest(owner.tooManyKeys());
            }
            ApiKey key = keys.insert(handle, owner.kind(), accountId, ownerId, owner.appId(), displayName);
            audit.record(handle, actor, accountId, owner.kind().storedName() + "_key.create", key.id());
            return key;
        });
    }

    /** Every key of an owner that has few, oldest first. */
    public List<ApiKey> list(KeyOwner owner, String ownerId) {
        return database.withoutTransaction(handle -> {
            owner.authorize(handle, ownerId);
            return keys.list(handle, owner.kind(), ownerId);
        });
    }

    /** One page of an owner's keys. */
    public Page<ApiKey> page(KeyOwner owner, String ownerId, PageRequest request) {
        return database.withoutTransaction(handle -> {
            owner.authorize(handle, ownerId);
            return keys.page(handle, owner.kind(), ownerId, request);
        });
    }

    public ApiKey get(KeyOwner owner, String ownerId, String keyId) {
        return database.withoutTransaction(handle -> {
            owner.authorize(handle, ownerId);
            return keyOf(handle, owner, ownerId, keyId);
        });
    }

    public void delete(Actor actor, KeyOwner owner, String ownerId, String keyId) {
        database.inTransaction(handle -> {
            String accountId = owner.authorize(handle, ownerId);
            keys.delete(handle, keyOf(handle, owner, ownerId, keyId).id());
            owner.keySlots().ifPresent(slots -> releaseSlot(handle, slots, owner, ownerId));
            revocations.revoke(handle, Revocation.ofKey(keyId));
            audit.record(handle, actor, accountId, owner.kind().storedName() + "_key.delete", keyId);
            return null;
        });
    }

    private static boolean takeSlot(Handle handle, LimitedCounter slots, KeyOwner owner, String ownerId) {
        return owner.appId() == null ? slots.take(handle, ownerId) : slots.take(handle, owner.appId(), ownerId);
    }

    private static void releaseSlot(Handle handle, LimitedCounter slots, KeyOwner owner, String ownerId) {
        if (owner.appId() == null) {
            slots.release(handle, ownerId);
        } else {
            slots.release(handle, owner.appId(), ownerId);
        }
    }

    private ApiKey keyOf(Handle handle, KeyOwner owner, String ownerId, String keyId) {
        return keys.find(handle, keyId)
                .filter(key -> key.kind() == owner.kind() && ownerId.equals(key.ownerId()))
                .orElseThrow(() -> ApiException.notFound("Key not found"));
    }
}
