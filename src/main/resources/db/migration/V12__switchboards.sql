-- Switchboards: at most one per app, with at most 10 switchboard integrations, each linking one custom integration.
-- Keyed by app like the rest of an app's data (no foreign key to apps: a deleted app's rows are reclaimed in the
-- background with the rest of its data).

CREATE TABLE switchboards (
    app_id                             VARCHAR(24) NOT NULL,
    id                                 VARCHAR(24) NOT NULL,
    enabled                            BOOLEAN     NOT NULL DEFAULT FALSE,
    default_switchboard_integration_id VARCHAR(24),
    -- Guarded like apps.key_count: at most 10 switchboard integrations per switchboard.
    integration_count                  INTEGER     NOT NULL DEFAULT 0,
    created_at                         TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id),
    CONSTRAINT switchboards_one_per_app UNIQUE (app_id),
    CONSTRAINT switchboards_integration_count_within_limit CHECK (integration_count >= 0 AND integration_count <= 10)
);

CREATE TABLE switchboard_integrations (
    app_id                          VARCHAR(24)  NOT NULL,
    id                              VARCHAR(24)  NOT NULL,
    switchboard_id                  VARCHAR(24)  NOT NULL,
    name                            VARCHAR(128) NOT NULL,
    integration_id                  VARCHAR(24)  NOT NULL,
    deliver_standby_events          BOOLEAN      NOT NULL,
    next_switchboard_integration_id VARCHAR(24),
    message_history_count           INTEGER,
    created_at                      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id),
    CONSTRAINT switchboard_integrations_unique_name UNIQUE (app_id, switchboard_id, name),
    CONSTRAINT switchboard_integrations_one_per_integration UNIQUE (app_id, switchboard_id, integration_id)
);

-- A conversation's switchboard state. No active one and not released: the switchboard's default is active (so new
-- conversations, and those older than the switchboard, have the default). Released: none is active until the next
-- message of a user clears the flag and the default takes the conversation again.
ALTER TABLE conversations ADD COLUMN switchboard_active_id VARCHAR(24);
ALTER TABLE conversations ADD COLUMN switchboard_pending_id VARCHAR(24);
ALTER TABLE conversations ADD COLUMN switchboard_released BOOLEAN NOT NULL DEFAULT FALSE;
