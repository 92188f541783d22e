-- The data an app holds: its users, their clients and devices, conversations, participants, messages, and the
-- app's event log. Every table leads with app_id (primary key or main index), and every query names the app, so
-- PostgreSQL can partition (or Citus distribute) them by app. No foreign key reaches apps: deleting an app makes
-- its data unreachable at once (every route requires the app first), and its rows are reclaimed in the background
-- in bounded batches (deleted_apps), however much it held. JSON documents are stored as text, checked by the
-- application (bodies are at most 100 KB).

CREATE TABLE users (
    app_id         VARCHAR(24)   NOT NULL,
    id             VARCHAR(24)   NOT NULL,
    external_id    VARCHAR(4100),
    signed_up_at   TIMESTAMP WITH TIME ZONE,
    to_be_retained BOOLEAN       NOT NULL DEFAULT FALSE,
    profile        VARCHAR(20000) NOT NULL,
    metadata       VARCHAR(16000) NOT NULL,
    created_at     TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id)
);

-- One user per external id in an app (several users may have none).
CREATE UNIQUE INDEX users_by_external_id ON users (app_id, external_id);

-- A user on one channel. The API creates none (no channel can be linked yet); channels will.
CREATE TABLE clients (
    app_id         VARCHAR(24)   NOT NULL,
    id             VARCHAR(24)   NOT NULL,
    user_id        VARCHAR(24)   NOT NULL,
    type           VARCHAR(32)   NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    integration_id VARCHAR(24),
    external_id    VARCHAR(4100),
    display_name   VARCHAR(400),
    avatar_url     VARCHAR(8200),
    info           VARCHAR(20000),
    linked_at      TIMESTAMP WITH TIME ZONE,
    last_seen      TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (app_id, id),
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id) ON DELETE CASCADE
);

CREATE INDEX clients_by_user ON clients (app_id, user_id, id);

-- One SDK install of a user's sdk client.
CREATE TABLE devices (
    app_id         VARCHAR(24)   NOT NULL,
    id             VARCHAR(24)   NOT NULL,
    user_id        VARCHAR(24)   NOT NULL,
    client_id      VARCHAR(24)   NOT NULL,
    type           VARCHAR(16)   NOT NULL,
    guid           VARCHAR(200)  NOT NULL,
    status         VARCHAR(16)   NOT NULL,
    integration_id VARCHAR(24),
    push_notification_token VARCHAR(4100),
    app_version    VARCHAR(200),
    info           VARCHAR(20000),
    last_seen      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id),
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id) ON DELETE CASCADE
);

CREATE INDEX devices_by_user ON devices (app_id, user_id, last_seen);

CREATE TABLE conversations (
    app_id            VARCHAR(24)   NOT NULL,
    id                VARCHAR(24)   NOT NULL,
    type              VARCHAR(16)   NOT NULL,
    -- The user whose first personal conversation this is (it cannot be deleted), else null.
    default_for_user  VARCHAR(24),
    display_name      VARCHAR(400),
    description       VARCHAR(400),
    icon_url          VARCHAR(8200),
    metadata          VARCHAR(16000) NOT NULL,
    business_last_read TIMESTAMP WITH TIME ZONE,
    -- The last change of the conversation or its messages (upstream's lastUpdatedAt), and the last activity of
    -- any kind, which restarts the retention clock.
    last_updated_at   TIMESTAMP WITH TIME ZONE NOT NULL,
    last_activity_at  TIMESTAMP WITH TIME ZONE NOT NULL,
    -- The newest id given to a message or an event of this conversation, under this row's lock: the next one is
    -- always above it, so ids give them one order even when several servers write to it in the same second.
    last_sequence_id  VARCHAR(24),
    -- Guarded like the key counters: an sdkGroup has at most 10 participants.
    participant_count INTEGER       NOT NULL DEFAULT 0,
    created_at        TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id),
    CONSTRAINT conversations_participants_within_limit CHECK (participant_count >= 0 AND participant_count <= 10)
);

CREATE UNIQUE INDEX conversations_default_of_user ON conversations (app_id, default_for_user);
-- The retention purge's walk: conversations inactive the longest first.
CREATE INDEX conversations_by_activity ON conversations (last_activity_at, app_id, id);

CREATE TABLE participants (
    app_id          VARCHAR(24)  NOT NULL,
    id              VARCHAR(24)  NOT NULL,
    conversation_id VARCHAR(24)  NOT NULL,
    user_id         VARCHAR(24)  NOT NULL,
    unread_count    INTEGER      NOT NULL DEFAULT 0,
    last_read       TIMESTAMP WITH TIME ZONE,
    PRIMARY KEY (app_id, id),
    FOREIGN KEY (app_id, conversation_id) REFERENCES conversations (app_id, id) ON DELETE CASCADE,
    FOREIGN KEY (app_id, user_id) REFERENCES users (app_id, id) ON DELETE CASCADE
);

CREATE UNIQUE INDEX participants_by_conversation ON participants (app_id, conversation_id, user_id);
-- A user's conversations, in the order of their ids.
CREATE INDEX participants_by_user ON participants (app_id, user_id, conversation_id);

CREATE TABLE messages (
    app_id          VARCHAR(24)   NOT NULL,
    conversation_id VARCHAR(24)   NOT NULL,
    id              VARCHAR(24)   NOT NULL,
    received        TIMESTAMP WITH TIME ZONE NOT NULL,
    author          VARCHAR(20000) NOT NULL,
    content         VARCHAR(200000) NOT NULL,
    source          VARCHAR(20000) NOT NULL,
    metadata        VARCHAR(16000),
    PRIMARY KEY (app_id, conversation_id, id),
    FOREIGN KEY (app_id, conversation_id) REFERENCES conversations (app_id, id) ON DELETE CASCADE
);

-- The app's event log: what every change of its data would tell a webhook, written in the change's transaction.
CREATE TABLE events (
    app_id          VARCHAR(24)   NOT NULL,
    id              VARCHAR(24)   NOT NULL,
    type            VARCHAR(64)   NOT NULL,
    -- The conversation the event belongs to, if any: events of one conversation keep the order of their ids.
    conversation_id VARCHAR(24),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    payload         VARCHAR(400000) NOT NULL,
    PRIMARY KEY (app_id, id)
);

CREATE INDEX events_by_type ON events (app_id, type, id);
-- The retention purge's walk: oldest events first.
CREATE INDEX events_by_age ON events (created_at, app_id, id);

-- Apps deleted whose data is still being reclaimed, in bounded batches, by every server.
CREATE TABLE deleted_apps (
    app_id     VARCHAR(24) PRIMARY KEY,
    deleted_at TIMESTAMP WITH TIME ZONE NOT NULL
);

-- POST retries with an Idempotency-Key: the first answer, for 24 hours, per account, route and key.
CREATE TABLE idempotency_keys (
    account_id      VARCHAR(24)   NOT NULL,
    route           VARCHAR(200)  NOT NULL,
    idempotency_key VARCHAR(200)  NOT NULL,
    body_digest     VARCHAR(64)   NOT NULL,
    status          INTEGER,
    answer          VARCHAR(400000),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (account_id, route, idempotency_key)
);

CREATE INDEX idempotency_keys_by_age ON idempotency_keys (created_at);
