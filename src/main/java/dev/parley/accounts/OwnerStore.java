package dev.parley.accounts;

import dev.parley.api.ApiException;
import java.sql.SQLException;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.UnableToExecuteStatementException;

/** The account_owners table: owners with their password hashes; the hash never leaves through a view. */
public final class OwnerStore {
    private static final String UNIQUE_VIOLATION = "23505";
    private static final RowMapper<AccountOwner> MAPPER = (rs, ctx) ->
            new AccountOwner(rs.getString("id"), rs.getString("account_id"), rs.getString("email"));

    /** An owner with the hash to check a password against, for sign-in only. */
    public record Credentials(AccountOwner owner, String passwordHash) {
        @Override
        public String toString() {
            return "Credentials[" + owner.id() + "]";
        }
    }

    /** Inserts the owner; an email some owner already has is a 409 conflict. */
    public void insert(Handle handle, AccountOwner owner, String passwordHash) {
        try {
            handle.createUpdate("INSERT INTO account_owners (id, account_id, email, password_hash) "
                            + "VALUES (:id, :accountId, :email, :passwordHash)")
                    .bind("id", owner.id())
                    .bind("accountId", owner.accountId())
                    .bind("email", owner.email())
                    .bind("passwordHash", passwordHash)
                    .execute();
        } catch (UnableToExecuteStatementException e) {
            if (e.getCause() instanceof SQLException sql && UNIQUE_VIOLATION.equals(sql.getSQLState())) {
                throw ApiException.conflict("An owner with this email already exists");
            }
            throw e;
        }
    }

    public boolean emailTaken(Handle handle, String email) {
        return handle.createQuery("SELECT 1 FROM account_owners WHERE email = :email")
                .bind("email", email)
                .mapTo(Integer.class)
                .findOne()
                .isPresent();
    }

    public List<AccountOwner> list(Handle handle, String accountId) {
        return handle.createQuery("SELECT id, account_id, email FROM account_owners WHERE account_id = :accountId "
                        + "ORDER BY id")
                .bind("accountId", accountId)
                .map(MAPPER)
                .list();
    }

    public Optional<AccountOwner> find(Handle handle, String ownerId) {
        return handle.createQuery("SELECT id, account_id, email FROM account_owners WHERE id = :id")
                .bind("id", ownerId)
                .map(MAPPER)
                .findOne();
    }

    public Optional<Credentials> credentials(Handle handle, String email) {
        return handle.createQuery("SELECT id, account_id, email, password_hash FROM account_owners WHERE email = :email")
                .bind("email", email)
                .map((rs, ctx) -> new Credentials(MAPPER.map(rs, ctx), rs.getString("password_hash")))
                .findOne();
    }

    public Optional<String> passwordHash(Handle handle, String ownerId) {
        return handle.createQuery("SELECT password_hash FROM account_owners WHERE id = :id")
                .bind("id", ownerId)
                .mapTo(String.class)
                .findOne();
    }

    public void setPasswordHash(Handle handle, String ownerId, String passwordHash) {
        handle.createUpdate("UPDATE account_owners SET password_hash = :passwordHash WHERE id = :id")
                .bind("id", ownerId)
                .bind("passwordHash", passwordHash)
                .execute();
    }

    /** Sets the password hash only while the stored one is still {@code expected}; false when it is not. */
    public boolean replacePasswordHash(Handle handle, String ownerId, String expected, String passwordHash) {
        return handle.createUpdate("UPDATE account_owners SET password_hash = :passwordHash "
                        + "WHERE id = :id AND password_hash = :expected")
                .bind("id", ownerId)
                .bind("expected", expected)
                .bind("passwordHash", passwordHash)
                .execute() == 1;
    }

    /** Deletes the owner; their dashboard sessions go with them (ON DELETE CASCADE). */
    public boolean delete(Handle handle, String ownerId) {
        return handle.createUpdate("DELETE FROM account_owners WHERE id = :id").bind("id", ownerId).execute() == 1;
    }
}
