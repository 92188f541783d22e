package dev.parley.audit;

import dev.parley.crypto.IdGenerator;
import dev.parley.api.Page;
import dev.parley.api.PageRequest;
import dev.parley.store.CursorPages;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;
import org.jdbi.v3.core.statement.Update;

/**
 * The audit log: services record each change inside the transaction that makes it, so a change and its record
 * commit or roll back together. Who acted, and from which request, is the actor each change names.
 */
public final class AuditLog {
    public static final String COLUMNS =
            "id, occurred_at, account_id, actor, credential_id, action, target_id, client_address, request_id";
    private static final RowMapper<AuditEvent> MAPPER = (rs, ctx) -> new AuditEvent(rs.getString("id"),
            rs.getObject("occurred_at", OffsetDateTime.class).toInstant().toString(), rs.getString("account_id"),
            rs.getString("actor"), rs.getString("credential_id"), rs.getString("action"), rs.getString("target_id"),
            rs.getString("client_address"), rs.getString("request_id"));

    private final IdGenerator ids;

    public AuditLog(IdGenerator ids) {
        this.ids = ids;
    }

    /**
     * @param accountId the account the change belongs to (the actor's, or for the operator the account acted on)
     * @param action    what happened, such as {@code app.create}
     * @param targetId  the id of the record changed
     */
    public void record(Handle handle, Actor actor, String accountId, String action, String targetId) {
        Update insert = handle.createUpdate("INSERT INTO audit_events (" + COLUMNS + ") VALUES ("
                + boundValues(":targetId") + ")");
        bind(insert, entry(actor, accountId, action)).bind("targetId", targetId).execute();
    }

    /** An audit row, all but its target, for a statement that writes it with the change. */
    public Entry entry(Actor actor, String accountId, String action) {
        return new Entry(ids.next(), OffsetDateTime.now(ZoneOffset.UTC), accountId, actor.kind(), actor.credentialId(),
                action, actor.origin().clientAddress(), actor.origin().requestId());
    }

    /** An audit row before it is written; its target is what the statement that writes it says. */
    public record Entry(String id, OffsetDateTime occurredAt, String accountId, String actor, String credentialId,
                        String action, String clientAddress, String requestId) {
    }

    /** The values of {@link #COLUMNS} for an entry bound with {@link #bind}, the target as an SQL expression. */
    public static String boundValues(String targetExpression) {
        return ":auditId, :auditOccurredAt, :auditAccountId, :auditActor, :auditCredentialId, :auditAction, "
                + targetExpression + ", :auditClientAddress, :auditRequestId";
    }

    public static Update bind(Update statement, Entry entry) {
        return statement.bind("auditId", entry.id())
                .bind("auditOccurredAt", entry.occurredAt())
                .bind("auditAccountId", entry.accountId())
                .bind("auditActor", entry.actor())
                .bind("auditCredentialId", entry.credentialId())
                .bind("auditAction", entry.action())
                .bind("auditClientAddress", entry.clientAddress())
                .bind("auditRequestId", entry.requestId());
    }

    /** The events, oldest first; only one account's when {@code accountId} is given. */
    public Page<AuditEvent> list(Handle handle, String accountId, PageRequest request) {
        Map<String, Object> bindings = new HashMap<>();
        String select = "SELECT " + COLUMNS + " FROM audit_events WHERE 1 = 1";
        if (accountId != null) {
            select += " AND account_id = :accountId";
            bindings.put("accountId", accountId);
        }
        return CursorPages.fetch(handle, select, "id", accountId == null ? "" : "account_id", bindings, MAPPER, request);
    }
}
