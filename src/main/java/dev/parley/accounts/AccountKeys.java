package dev.parley.accounts;

import dev.parley.api.ApiException;
import dev.parley.auth.AccessPolicy;
import dev.parley.auth.Action;
import dev.parley.auth.KeyKind;
import dev.parley.auth.Principal;
import dev.parley.crypto.IdGenerator;
import dev.parley.keys.KeyOwner;
import dev.parley.store.LimitedCounter;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Accounts as owners of account keys, which have no limit: managed by the operator for any account, and by a
 * caller the access policy lets manage its own account's keys (a signed-in dashboard owner).
 */
public final class AccountKeys {
    private final AccountStore accounts;
    private final AccessPolicy policy;

    public AccountKeys(AccountStore accounts, AccessPolicy policy) {
        this.accounts = accounts;
        this.policy = policy;
    }

    /** The owners as the operator sees them: every account. */
    public KeyOwner asOperator() {
        return new Owner(null);
    }

    /** The owners as a caller sees them: its own account, when the policy allows. */
    public KeyOwner asSeenBy(Principal caller) {
        return new Owner(caller);
    }

    private final class Owner implements KeyOwner {
        private final Principal caller;

        private Owner(Principal caller) {
            this.caller = caller;
        }

        @Override
        public KeyKind kind() {
            return KeyKind.ACCOUNT;
        }

        @Override
        public String authorize(Handle handle, String accountId) {
            if (caller != null) {
                policy.onRecordOf(caller, Action.MANAGE_ACCOUNT_KEYS, accountId).enforce(AccountService::accountNotFound);
            }
            if (!IdGenerator.isId(accountId) || accounts.find(handle, accountId).isEmpty()) {
                throw AccountService.accountNotFound();
            }
            return accountId;
        }

        @Override
        public Optional<LimitedCounter> keySlots() {
            return Optional.empty();
        }

        @Override
        public String tooManyKeys() {
            throw new IllegalStateException("accounts have no limit on their keys");
        }
    }
}
