package dev.parley.audit;

/** One provisioning change as the operator API shows it; {@code occurredAt} is an ISO-8601 instant in UTC. */
public record AuditEvent(String id, String occurredAt, String accountId, String actor, String credentialId,
                         String action, String targetId, String clientAddress, String requestId) {
}
