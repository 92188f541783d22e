-- Custom integrations and their webhooks: an app's configuration, keyed by app like its data (no foreign key to
-- apps: a deleted app's rows are reclaimed in the background with the rest of its data).

CREATE TABLE integrations (
    app_id        VARCHAR(24)  NOT NULL,
    id            VARCHAR(24)  NOT NULL,
    type          VARCHAR(32)  NOT NULL,
    display_name  VARCHAR(400),
    status        VARCHAR(16)  NOT NULL DEFAULT 'active',
    -- Guarded like apps.key_count: at most 10 keys per custom integration.
    key_count     INTEGER      NOT NULL DEFAULT 0,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id),
    CONSTRAINT integrations_key_count_within_limit CHECK (key_count >= 0 AND key_count <= 10)
);

CREATE TABLE webhooks (
    app_id              VARCHAR(24)   NOT NULL,
    id                  VARCHAR(24)   NOT NULL,
    integration_id      VARCHAR(24)   NOT NULL,
    version             VARCHAR(8)    NOT NULL,
    target              VARCHAR(2048) NOT NULL,
    -- The trigger names as a JSON array of strings, in the order they were given.
    triggers            VARCHAR(4000) NOT NULL,
    include_full_user   BOOLEAN       NOT NULL DEFAULT FALSE,
    include_full_source BOOLEAN       NOT NULL DEFAULT FALSE,
    -- whsec_ + base64 of 32 random bytes, AES-GCM under the master key; the plain secret is never stored.
    sealed_secret       VARCHAR(200)  NOT NULL,
    created_at          TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id)
);

CREATE INDEX webhooks_by_integration ON webhooks (app_id, integration_id, id);

-- Guarded like apps.key_count: at most 10 webhooks per app.
ALTER TABLE apps ADD COLUMN webhook_count INTEGER NOT NULL DEFAULT 0;
ALTER TABLE apps ADD CONSTRAINT apps_webhook_count_within_limit CHECK (webhook_count >= 0 AND webhook_count <= 10);

-- Integration keys (int_): the api_keys of a custom integration, which belong to its app as well, so that deleting
-- the app takes them with it at once (api_keys.app_id cascades) and revokes them with the app's own keys.
ALTER TABLE api_keys ADD COLUMN integration_id VARCHAR(24);
ALTER TABLE api_keys DROP CONSTRAINT api_keys_kind;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_kind CHECK (kind IN ('account', 'app', 'service_account', 'integration'));
ALTER TABLE api_keys DROP CONSTRAINT api_keys_app_key_has_app;
ALTER TABLE api_keys ADD CONSTRAINT api_keys_app_key_has_app CHECK ((kind IN ('app', 'integration')) = (app_id IS NOT NULL));
ALTER TABLE api_keys ADD CONSTRAINT api_keys_integration_key_has_integration
    CHECK ((kind = 'integration') = (integration_id IS NOT NULL));
CREATE INDEX api_keys_by_integration ON api_keys (integration_id, id);
