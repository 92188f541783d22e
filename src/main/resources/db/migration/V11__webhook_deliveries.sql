-- Webhook deliveries: the outbox of each webhook, written in the transaction of the event it delivers (so a change
-- that rolls back delivers nothing), and the log of every attempt. One delivery per event and webhook; its id, within
-- the webhook, is its event's id.

CREATE TABLE webhook_deliveries (
    app_id          VARCHAR(24) NOT NULL,
    webhook_id      VARCHAR(24) NOT NULL,
    event_id        VARCHAR(24) NOT NULL,
    -- The event's conversation, if any: one conversation's deliveries to one webhook go in the order of their events.
    conversation_id VARCHAR(24),
    -- pending, delivered or failed (given up on).
    status          VARCHAR(16) NOT NULL,
    attempt_count   INTEGER     NOT NULL DEFAULT 0,
    -- When pending: when it is due, or, while an attempt is in flight, when that attempt's lease ends and another
    -- server may take it over; NULL while it waits behind an earlier pending delivery of its conversation (which
    -- makes it due once settled), and once delivered or given up on.
    next_attempt_at TIMESTAMP WITH TIME ZONE,
    -- The claim of the attempt in flight: only the server holding it records that attempt's outcome.
    claim_id        VARCHAR(24),
    -- Failed attempts are retried until then.
    give_up_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, webhook_id, event_id)
);

-- The dispatchers' search for due deliveries: pending ones, by due time.
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (status, next_attempt_at);
-- Whether an earlier delivery of the same conversation to the same webhook is still pending.
CREATE INDEX webhook_deliveries_in_order ON webhook_deliveries (app_id, webhook_id, conversation_id, status, event_id);
CREATE INDEX webhook_deliveries_by_age ON webhook_deliveries (created_at);

CREATE TABLE webhook_delivery_attempts (
    app_id       VARCHAR(24) NOT NULL,
    webhook_id   VARCHAR(24) NOT NULL,
    event_id     VARCHAR(24) NOT NULL,
    attempt      INTEGER     NOT NULL,
    attempted_at TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The target's HTTP status, or NULL with an error when there was no answer.
    status_code  INTEGER,
    error        VARCHAR(200),
    latency_ms   INTEGER     NOT NULL,
    PRIMARY KEY (app_id, webhook_id, event_id, attempt)
);

CREATE INDEX webhook_delivery_attempts_by_age ON webhook_delivery_attempts (attempted_at);
