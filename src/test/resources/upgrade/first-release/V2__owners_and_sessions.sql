-- Dashboard sign-in: the people who own an account, and their sessions.
-- The same file runs on the embedded database (H2 in PostgreSQL mode) and on PostgreSQL.

CREATE TABLE account_owners (
    id            VARCHAR(24)  PRIMARY KEY,
    account_id    VARCHAR(24)  NOT NULL REFERENCES accounts (id) ON DELETE CASCADE,
    -- Stored lowercased, so that uniqueness and sign-in ignore case.
    email         VARCHAR(254) NOT NULL UNIQUE,
    -- Argon2id in its PHC string form ($argon2id$v=19$m=…,t=…,p=…$salt$hash); never the password.
    password_hash VARCHAR(200) NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT account_owners_email_lowercase CHECK (email = LOWER(email))
);

CREATE INDEX account_owners_by_account ON account_owners (account_id, id);

-- Sessions live here, not in a server's memory, so any of several Parley servers sharing PostgreSQL can serve a
-- signed-in owner. The cookie carries a random token; only its SHA-256 is stored, so a copy of this table signs
-- no one in.
CREATE TABLE dashboard_sessions (
    token_hash    VARCHAR(64)  PRIMARY KEY,
    owner_id      VARCHAR(24)  NOT NULL REFERENCES account_owners (id) ON DELETE CASCADE,
    csrf_token    VARCHAR(64)  NOT NULL,
    created_at    TIMESTAMP WITH TIME ZONE NOT NULL,
    expires_at    TIMESTAMP WITH TIME ZONE NOT NULL
);

CREATE INDEX dashboard_sessions_by_owner ON dashboard_sessions (owner_id);
CREATE INDEX dashboard_sessions_by_expiry ON dashboard_sessions (expires_at);
