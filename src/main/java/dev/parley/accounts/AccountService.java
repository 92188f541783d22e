package dev.parley.accounts;

import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.ApiKey;
import dev.parley.auth.ApiKeyStore;
import dev.parley.auth.Principal;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.IdGenerator;
import dev.parley.auth.KeyKind;
import dev.parley.api.ApiException;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.Database;
import java.util.Optional;
import java.util.function.Supplier;
import org.jdbi.v3.core.Handle;

/**
 * Accounts and their account keys, as the operator manages them, and as the dashboard shows them to a signed-in
 * owner (the methods that take a {@link Principal}, decided by the access policy).
 */
public final class AccountService {
    static final String FIRST_KEY_NAME = "Default account key";

    private final Database database;
    private final AccountStore accounts;
    private final ApiKeyStore keys;
    private final IdGenerator ids;
    private final Revocations revocations;
    private final AuditLog audit;
    private final AccessPolicy policy;
    private final OwnerService owners;

    public AccountService(Database database, AccountStore accounts, ApiKeyStore keys, IdGenerator ids,
                          Revocations revocations, AuditLog audit, AccessPolicy policy, OwnerService owners) {
        this.database = database;
        this.accounts = accounts;
        this.keys = keys;
        this.ids = ids;
        this.revocations = revocations;
        this.audit = audit;
        this.policy = policy;
        this.owners = owners;
    }

    /** An account and its first account key, made together, with its first owner when one was asked for. */
    public record CreatedAccount(Account account, ApiKey key, Optional<AccountOwner> owner) {
    }

    public CreatedAccount create(AccountChanges body) {
        return create(body, Optional.empty());
    }

    /** Creates the account, its first key and the owner in one transaction: a taken email leaves no account behind. */
    public CreatedAccount create(AccountChanges body, Optional<NewOwner> owner) {
        Account account = new Account(ids.next(), body.displayName().orElseThrow(), body.maxAppsOr(null), 0);
        Optional<OwnerService.HashedOwner> hashed = owner.map(owners::hash);
        return database.inTransaction(handle -> {
            accounts.insert(handle, account);
            ApiKey key = keys.insert(handle, KeyKind.ACCOUNT, account.id(), null, null, FIRST_KEY_NAME);
            audit.record(handle, Actor.OPERATOR, account.id(), "account.create", account.id());
            audit.record(handle, Actor.OPERATOR, account.id(), "account_key.create", key.id());
            return new CreatedAccount(account, key, hashed.map(h -> owners.insert(handle, account.id(), h)));
        });
    }

    public Page<Account> list(PageRequest request) {
        return database.read(handle -> accounts.list(handle, request));
    }

    public Account get(String accountId) {
        return database.read(handle -> existing(handle, accountId));
    }

    public Account update(String accountId, AccountChanges body) {
        return database.inTransaction(handle -> {
            Account current = existing(handle, accountId);
            accounts.update(handle, accountId, body.displayName().orElse(current.displayName()),
                    body.maxAppsOr(current.maxApps()));
            audit.record(handle, Actor.OPERATOR, accountId, "account.update", accountId);
            return existing(handle, accountId);
        });
    }

    /** Deletes the account with everything in it: apps, service accounts, keys of every kind. */
    public void delete(String accountId) {
        database.inTransaction(handle -> {
            if (!IdGenerator.isId(accountId) || !accounts.delete(handle, accountId)) {
                throw accountNotFound();
            }
            revocations.revoke(handle, Revocation.ofAccount(accountId));
            audit.record(handle, Actor.OPERATOR, accountId, "account.delete", accountId);
            return null;
        });
    }

    public ApiKey createKey(String accountId, String displayName) {
        return createKey(Actor.OPERATOR, accountId, displayName);
    }

    public Page<ApiKey> listKeys(String accountId, PageRequest request) {
        return database.read(handle -> {
            existing(handle, accountId);
            return keys.listAccountKeys(handle, accountId, request);
        });
    }

    public ApiKey getKey(String accountId, String keyId) {
        return database.read(handle -> accountKey(handle, accountId, keyId));
    }

    public void deleteKey(String accountId, String keyId) {
        deleteKey(Actor.OPERATOR, accountId, keyId);
    }

    /** The caller's own account. */
    public Account get(Principal caller) {
        policy.onAccount(caller, caller.accountId()).enforce(AccountService::accountNotFound);
        return get(caller.accountId());
    }

    /** A new account key of the caller's account; the name is validated once the caller is known to be allowed. */
    public ApiKey createKey(Principal caller, Supplier<String> displayNameOfRequest) {
        policy.onAccount(caller, caller.accountId()).enforce(AccountService::accountNotFound);
        return createKey(Actor.of(caller), caller.accountId(), displayNameOfRequest.get());
    }

    public Page<ApiKey> listKeys(Principal caller, PageRequest request) {
        policy.onAccount(caller, caller.accountId()).enforce(AccountService::accountNotFound);
        return listKeys(caller.accountId(), request);
    }

    public void deleteKey(Principal caller, String keyId) {
        policy.onAccount(caller, caller.accountId()).enforce(AccountService::accountNotFound);
        deleteKey(Actor.of(caller), caller.accountId(), keyId);
    }

    private ApiKey createKey(Actor actor, String accountId, String displayName) {
        return database.inTransaction(handle -> {
            existing(handle, accountId);
            ApiKey key = keys.insert(handle, KeyKind.ACCOUNT, accountId, null, null, displayName);
            audit.record(handle, actor, accountId, "account_key.create", key.id());
            return key;
        });
    }

    private void deleteKey(Actor actor, String accountId, String keyId) {
        database.inTransaction(handle -> {
            keys.delete(handle, accountKey(handle, accountId, keyId).id());
            revocations.revoke(handle, Revocation.ofKey(keyId));
            audit.record(handle, actor, accountId, "account_key.delete", keyId);
            return null;
        });
    }

    private Account existing(Handle handle, String accountId) {
        if (!IdGenerator.isId(accountId)) {
            throw accountNotFound();
        }
        return accounts.find(handle, accountId).orElseThrow(AccountService::accountNotFound);
    }

    private ApiKey accountKey(Handle handle, String accountId, String keyId) {
        existing(handle, accountId);
        return keys.find(handle, keyId)
                .filter(key -> key.kind() == KeyKind.ACCOUNT && key.accountId().equals(accountId))
                .orElseThrow(() -> ApiException.notFound("Key not found"));
    }

    private static ApiException accountNotFound() {
        return ApiException.notFound("Account not found");
    }
}
