package dev.parley.accounts;

import dev.parley.audit.Actor;
import dev.parley.audit.AuditLog;
import dev.parley.crypto.IdGenerator;
import dev.parley.crypto.PasswordHasher;
import dev.parley.api.ApiException;
import dev.parley.store.Database;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.jdbi.v3.core.Handle;

/**
 * Account owners: the operator creates and deletes them and resets their passwords; the dashboard checks their
 * passwords, and lets them change their own.
 */
public final class OwnerService {
    private final Database database;
    private final AccountStore accounts;
    private final OwnerStore owners;
    private final OwnerSessions sessions;
    private final PasswordHasher hasher;
    private final IdGenerator ids;
    private final AuditLog audit;

    public OwnerService(Database database, AccountStore accounts, OwnerStore owners, OwnerSessions sessions,
                        PasswordHasher hasher, IdGenerator ids, AuditLog audit) {
        this.database = database;
        this.accounts = accounts;
        this.owners = owners;
        this.sessions = sessions;
        this.hasher = hasher;
        this.ids = ids;
        this.audit = audit;
    }

    /** What an owner's change of their own password came to. */
    public enum PasswordChange { CHANGED, WRONG_CURRENT_PASSWORD }

    /** An owner whose password is hashed already, ready to insert in a transaction that must stay short. */
    public record HashedOwner(String email, String passwordHash) {
        @Override
        public String toString() {
            return "HashedOwner[" + email + "]";
        }
    }

    /** Hashes the password (slow on purpose), outside any transaction. */
    public HashedOwner hash(NewOwner owner) {
        return new HashedOwner(owner.email(), hasher.hash(owner.password()));
    }

    /** Inserts an owner for the account in the caller's transaction; only the operator creates owners. */
    public AccountOwner insert(Handle handle, Actor operator, String accountId, HashedOwner owner) {
        AccountOwner created = new AccountOwner(ids.next(), accountId, owner.email());
        owners.insert(handle, created, owner.passwordHash());
        audit.record(handle, operator, accountId, "owner.create", created.id());
        return created;
    }

    public AccountOwner create(Actor operator, String accountId, NewOwner owner) {
        requireAccount(accountId);
        // Answers a taken email before spending the time of a hash; the unique index still decides races.
        if (database.withoutTransaction(handle -> owners.emailTaken(handle, owner.email()))) {
            throw ApiException.conflict("An owner with this email already exists");
        }
        HashedOwner hashed = hash(owner);
        return database.inTransaction(handle -> {
            existingAccount(handle, accountId);
            return insert(handle, operator, accountId, hashed);
        });
    }

    public List<AccountOwner> list(String accountId) {
        return database.withoutTransaction(handle -> {
            existingAccount(handle, accountId);
            return owners.list(handle, accountId);
        });
    }

    /** Deletes the owner, which ends every dashboard session they have. */
    public void delete(Actor operator, String accountId, String ownerId) {
        database.inTransaction(handle -> {
            ownerOfAccount(handle, accountId, ownerId);
            if (!owners.delete(handle, ownerId)) {
                throw ownerNotFound();
            }
            audit.record(handle, operator, accountId, "owner.delete", ownerId);
            return null;
        });
    }

    /** The operator sets an owner's password, which ends every dashboard session they have. */
    public AccountOwner resetPassword(Actor operator, String accountId, String ownerId, NewPassword password) {
        // Answers an unknown owner before spending the time of a hash.
        database.withoutTransaction(handle -> ownerOfAccount(handle, accountId, ownerId));
        String hash = hasher.hash(password.value());
        return database.inTransaction(handle -> {
            AccountOwner owner = ownerOfAccount(handle, accountId, ownerId);
            owners.setPasswordHash(handle, ownerId, hash);
            sessions.endAll(handle, ownerId);
            audit.record(handle, operator, accountId, "owner.password_reset", ownerId);
            return owner;
        });
    }

    /**
     * A signed-in owner changes their own password, which needs the current one. Their other dashboard sessions end
     * with the change; the one stored under {@code keptSession}, which they made it from, stays signed in.
     */
    public PasswordChange changeOwnPassword(Actor owner, String accountId, String ownerId, String currentPassword,
                                            NewPassword next, String keptSession) {
        String stored = database.withoutTransaction(handle -> owners.passwordHash(handle, ownerId))
                .orElseThrow(OwnerService::ownerNotFound);
        if (!plausible(currentPassword) || !hasher.matches(currentPassword, stored)) {
            return PasswordChange.WRONG_CURRENT_PASSWORD;
        }
        String hash = hasher.hash(next.value());
        return database.inTransaction(handle -> {
            // Only over the hash just checked: a reset by the operator in the meantime is not undone.
            if (!owners.replacePasswordHash(handle, ownerId, stored, hash)) {
                return PasswordChange.WRONG_CURRENT_PASSWORD;
            }
            sessions.endAllExcept(handle, ownerId, keptSession);
            audit.record(handle, owner, accountId, "owner.password_change", ownerId);
            return PasswordChange.CHANGED;
        });
    }

    /** The owner with this email and password, or empty; takes about as long whether or not the email exists. */
    public Optional<AccountOwner> authenticate(String email, String password) {
        String normalized = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
        Optional<OwnerStore.Credentials> found = normalized.isEmpty() || normalized.length() > NewOwner.MAX_EMAIL_LENGTH
                ? Optional.empty()
                : database.withoutTransaction(handle -> owners.credentials(handle, normalized));
        if (!plausible(password)) {
            return Optional.empty();
        }
        if (found.isEmpty()) {
            hasher.matchesNothing(password);
            return Optional.empty();
        }
        return hasher.matches(password, found.get().passwordHash()) ? Optional.of(found.get().owner())
                : Optional.empty();
    }

    /** Whether a password given to be checked is worth the time of a hash at all. */
    private static boolean plausible(String password) {
        return password != null && !password.isEmpty() && password.length() <= NewOwner.MAX_PASSWORD_LENGTH * 2;
    }

    private AccountOwner ownerOfAccount(Handle handle, String accountId, String ownerId) {
        existingAccount(handle, accountId);
        return (IdGenerator.isId(ownerId) ? owners.find(handle, ownerId) : Optional.<AccountOwner>empty())
                .filter(owner -> owner.accountId().equals(accountId))
                .orElseThrow(OwnerService::ownerNotFound);
    }

    private static ApiException ownerNotFound() {
        return ApiException.notFound("Owner not found");
    }

    private void requireAccount(String accountId) {
        database.withoutTransaction(handle -> existingAccount(handle, accountId));
    }

    private Account existingAccount(Handle handle, String accountId) {
        if (!IdGenerator.isId(accountId)) {
            throw ApiException.notFound("Account not found");
        }
        return accounts.find(handle, accountId).orElseThrow(() -> ApiException.notFound("Account not found"));
    }
}
