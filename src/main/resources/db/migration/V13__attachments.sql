-- compatible: yes (new tables only; servers of the previous version do not serve attachments and ignore them)
-- Files uploaded to an app (POST /v2/apps/{appId}/attachments), served without authentication at their media URL,
-- whose unguessable part is the token. An attachment may belong to a conversation, and then to the first message
-- posted there that names its URL: it is served only while the app, that conversation and that message exist, and
-- the purge reclaims it (and its bytes) once one of them is gone. No foreign key: deletions answer at once however
-- many files they take along, and the bytes go in the background in bounded batches.
CREATE TABLE attachments (
    app_id          VARCHAR(24)   NOT NULL,
    id              VARCHAR(24)   NOT NULL,
    token           VARCHAR(64)   NOT NULL,
    file_name       VARCHAR(400)  NOT NULL,
    media_type      VARCHAR(255)  NOT NULL,
    size_bytes      BIGINT        NOT NULL,
    conversation_id VARCHAR(24),
    message_id      VARCHAR(24),
    created_at      TIMESTAMP WITH TIME ZONE NOT NULL,
    PRIMARY KEY (app_id, id)
);

CREATE UNIQUE INDEX attachments_by_token ON attachments (app_id, token);
CREATE INDEX attachments_by_conversation ON attachments (app_id, conversation_id);

-- The bytes of attachments on PostgreSQL, in chunks of 256 KB written and read one at a time (the embedded
-- database keeps them as files under PARLEY_DATA_DIR instead). The chunks of an upload are written before its
-- attachment row; an upload that fails deletes its own.
CREATE TABLE attachment_chunks (
    app_id        VARCHAR(24) NOT NULL,
    attachment_id VARCHAR(24) NOT NULL,
    seq           INTEGER     NOT NULL,
    data          BYTEA       NOT NULL,
    PRIMARY KEY (app_id, attachment_id, seq)
);
