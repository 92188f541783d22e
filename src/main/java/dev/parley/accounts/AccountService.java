package dev.parley.accounts;

import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.ApiKey;
import dev.parley.auth.Action;
import dev.parley.keys.ApiKeyStore;
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
 * Accounts, as the operator manages them, and as the dashboard shows them to a signed-in owner (the methods that
 * take a {@link Principal}, decided by the access policy). Their keys are {@link AccountKeys}.
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

    public CreatedAccount create(Actor operator, AccountChanges body) {
        return create(operator, body, Optional.empty());
    }

    /** Creates the account, its first key and the owner in one transaction: a taken email leaves no account behind. */
    public CreatedAccount create(Actor operator, AccountChanges body, Optional<NewOwner> owner) {
        Account account = new Account(ids.next(), body.displayName().orElseThrow(), body.maxAppsOr(null), 0);
        Optional<OwnerService.HashedOwner> hashed = owner.map(owners::hash);
        return database.inTransaction(handle -> {
            accounts.insert(handle, account);
            ApiKey key = keys.insert(handle, KeyKind.ACCOUNT, account.id(), account.id(), null, FIRST_KEY_NAME);
            audit.record(handle, operator, account.id(), "account.create", account.id());
            audit.record(handle, operator, account.id(), "account_key.create", key.id());
            return new CreatedAccount(account, key, hashed.map(h -> owners.insert(handle, operator, account.id(), h)));
        });
    }

    public Page<Account> list(PageRequest request) {
        return database.withoutTransaction(handle -> accounts.list(handle, request));
    }

    public Account get(String accountId) {
        return database.withoutTransaction(handle -> existing(handle, accountId));
    }

    public Account update(Actor operator, String accountId, AccountChanges body) {
        return database.inTransaction(handle -> {
            Account current = existing(handle, accountId);
            accounts.update(handle, accountId, body.displayName().orElse(current.displayName()),
                    body.maxAppsOr(current.maxApps()));
            audit.record(handle, operator, accountId, "account.update", accountId);
            return existing(handle, accountId);
        });
    }

    /** Deletes the account with everything in it: apps, service accounts, keys of every kind. */
    public void delete(Actor operator, String accountId) {
        database.inTransaction(handle -> {
            if (!IdGenerator.isId(accountId) || !accounts.delete(handle, accountId)) {
                throw accountNotFound();
            }
            revocations.revoke(handle, Revocation.ofAccount(accountId));
            audit.record(handle, operator, accountId, "account.delete", accountId);
            return null;
        });
    }

    /** The caller's own account. */
    public Account get(Principal caller) {
        policy.onRecordOf(caller, Action.READ_ACCOUNT, caller.accountId()).enforce(AccountService::accountNotFound);
        return get(caller.accountId());
    }

    private Account existing(Handle handle, String accountId) {
        if (!IdGenerator.isId(accountId)) {
            throw accountNotFound();
        }
        return accounts.find(handle, accountId).orElseThrow(AccountService::accountNotFound);
    }


    static ApiException accountNotFound() {
        return ApiException.notFound("Account not found");
    }
}
