package dev.parley.audit;

import dev.parley.crypto.IdGenerator;
import dev.parley.http.Page;
import dev.parley.http.PageRequest;
import dev.parley.http.RequestContext;
import dev.parley.store.CursorPages;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.HashMap;
import java.util.Map;
import org.jdbi.v3.core.Handle;
import org.jdbi.v3.core.mapper.RowMapper;

/**
 * The audit log: services record each change inside the transaction that makes it, so a change and its record
 * commit or roll back together. The client address and request id come from the request being served.
 */
public final class AuditLog {
    private static final String COLUMNS =
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
        RequestContext.Current request = RequestContext.current();
        handle.createUpdate("INSERT INTO audit_events (id, occurred_at, account_id, actor, credential_id, action, "
                        + "target_id, client_address, request_id) VALUES (:id, :occurredAt, :accountId, :actor, "
                        + ":credentialId, :action, :targetId, :clientAddress, :requestId)")
                .bind("id", ids.next())
                .bind("occurredAt", OffsetDateTime.now(ZoneOffset.UTC))
                .bind("accountId", accountId)
                .bind("actor", actor.kind())
                .bind("credentialId", actor.credentialId())
                .bind("action", action)
                .bind("targetId", targetId)
                .bind("clientAddress", request.clientAddress())
                .bind("requestId", request.requestId())
                .execute();
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
