-- One schema for the embedded database (H2 in PostgreSQL mode) and PostgreSQL.
-- Ids are 24 lowercase hex characters that increase with creation time; key ids carry their kind's prefix.
-- Display names are at most 100 characters (code points), checked by the application; the columns allow 400 so a
-- name of characters outside the Basic Multilingual Plane (two UTF-16 units each, which H2 counts) still fits.

CREATE TABLE accounts (
    id            VARCHAR(24)  PRIMARY KEY,
    display_name  VARCHAR(400) NOT NULL,
    max_apps      INTEGER,
    -- Kept in the same transaction as every app insert and delete; the plan limit is enforced by a guarded
    -- update of this counter, never by a count read earlier.
    app_count     INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT accounts_max_apps_not_negative CHECK (max_apps IS NULL OR max_apps >= 0),
    CONSTRAINT accounts_app_count_not_negative CHECK (app_count >= 0)
);

CREATE TABLE apps (
    id            VARCHAR(24)  PRIMARY KEY,
    account_id    VARCHAR(24)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    display_name  VARCHAR(400) NOT NULL,
    -- The app's public token (v1.1 clients' appToken): not a secret, stable for the app's life.
    app_token     VARCHAR(32)  NOT NULL UNIQUE,
    settings      VARCHAR(4000) NOT NULL,
    metadata      VARCHAR(16000),
    -- Guarded like accounts.app_count: at most 10 keys per app.
    key_count     INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT apps_key_count_within_limit CHECK (key_count >= 0 AND key_count <= 10)
);

CREATE INDEX apps_by_account ON apps (account_id, id);

CREATE TABLE service_accounts (
    id            VARCHAR(24)  PRIMARY KEY,
    account_id    VARCHAR(24)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    display_name  VARCHAR(400) NOT NULL,
    -- Guarded like apps.key_count: at most 10 keys per service account.
    key_count     INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT service_accounts_key_count_within_limit CHECK (key_count >= 0 AND key_count <= 10)
);

CREATE INDEX service_accounts_by_account ON service_accounts (account_id, id);

-- Which apps a service account reaches: the ones it created and the ones it was granted.
CREATE TABLE service_account_apps (
    service_account_id VARCHAR(24) NOT NULL REFERENCES service_accounts (id) ON DELETE CASCADE,
    app_id             VARCHAR(24) NOT NULL REFERENCES apps (id) ON DELETE CASCADE,
    PRIMARY KEY (service_account_id, app_id)
);

CREATE INDEX service_account_apps_by_app ON service_account_apps (app_id);

CREATE TABLE api_keys (
    id            VARCHAR(28)  PRIMARY KEY,
    kind          VARCHAR(16)  NOT NULL,
    account_id    VARCHAR(24)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    app_id        VARCHAR(24)  REFERENCES apps (id) ON DELETE CASCADE,
    service_account_id VARCHAR(24) REFERENCES service_accounts (id) ON DELETE CASCADE,
    display_name  VARCHAR(400) NOT NULL,
    -- AES-GCM under the master key; the plain secret is never stored.
    sealed_secret VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT api_keys_kind CHECK (kind IN ('account', 'app', 'service_account')),
    CONSTRAINT api_keys_app_key_has_app CHECK ((kind = 'app') = (app_id IS NOT NULL)),
    CONSTRAINT api_keys_service_account_key_has_service_account
        CHECK ((kind = 'service_account') = (service_account_id IS NOT NULL))
);

CREATE INDEX api_keys_by_account ON api_keys (account_id, kind, id);
CREATE INDEX api_keys_by_app ON api_keys (app_id, id);
CREATE INDEX api_keys_by_service_account ON api_keys (service_account_id, id);

-- Facts about this installation, such as a value sealed under the master key that proves, at every start, that
-- the configured master key is the one the stored secrets were sealed with.
CREATE TABLE installation (
    name         VARCHAR(64)  PRIMARY KEY,
    sealed_value VARCHAR(400) NOT NULL
);
