package dev.parley.accounts;

import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.ApiKey;
import dev.parley.auth.ApiKeyStore;
import dev.parley.auth.Revocation;
import dev.parley.auth.Revocations;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.KeyKind;
import dev.parley.http.ApiException;
import dev.parley.http.Page;
import dev.parley.http.PageRequest;
import dev.parley.store.Database;
import org.jdbi.v3.core.Handle;

/** Accounts and their account keys, as the operator manages them. */
public final class AccountService {
    static final String FIRST_KEY_NAME = "Default account key";

    private final Database database;
    private final AccountStore accounts;
    private final ApiKeyStore keys;
    private final IdGenerator ids;
    private final Revocations revocations;
    private final AuditLog audit;

    public AccountService(Database database, AccountStore accounts, ApiKeyStore keys, IdGenerator ids,
                          Revocations revocations, AuditLog audit) {
        this.database = database;
        this.accounts = accounts;
        this.keys = keys;
        this.ids = ids;
        this.revocations = revocations;
        this.audit = audit;
    }

    /** An account and its first account key, made together. */
    public record CreatedAccount(Account account, ApiKey key) {
    }

    public CreatedAccount create(AccountChanges body) {
        Account account = new Account(ids.next(), body.displayName().orElseThrow(), body.maxAppsOr(null), 0);
        return database.inTransaction(handle -> {
            accounts.insert(handle, account);
            ApiKey key = keys.insert(handle, KeyKind.ACCOUNT, account.id(), null, null, FIRST_KEY_NAME);
            audit.record(handle, Actor.OPERATOR, account.id(), "account.create", account.id());
            audit.record(handle, Actor.OPERATOR, account.id(), "account_key.create", key.id());
            return new CreatedAccount(account, key);
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
        return database.inTransaction(handle -> {
            existing(handle, accountId);
            ApiKey key = keys.insert(handle, KeyKind.ACCOUNT, accountId, null, null, displayName);
            audit.record(handle, Actor.OPERATOR, accountId, "account_key.create", key.id());
            return key;
        });
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
        database.inTransaction(handle -> {
            keys.delete(handle, accountKey(handle, accountId, keyId).id());
            revocations.revoke(handle, Revocation.ofKey(keyId));
            audit.record(handle, Actor.OPERATOR, accountId, "account_key.delete", keyId);
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
