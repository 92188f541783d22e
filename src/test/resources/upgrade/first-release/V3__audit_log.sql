-- Every provisioning change: who (account and credential), what, when and from which address. Written in the
-- same transaction as the change. No foreign keys: the history of an account outlives the account. Never a secret.
CREATE TABLE audit_events (
    id             VARCHAR(24)  PRIMARY KEY,
    occurred_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    account_id     VARCHAR(24),
    actor          VARCHAR(24)  NOT NULL,
    credential_id  VARCHAR(40),
    action         VARCHAR(48)  NOT NULL,
    target_id      VARCHAR(80),
    client_address VARCHAR(64),
    request_id     VARCHAR(64)
);

CREATE INDEX audit_events_by_account ON audit_events (account_id, id);
