-- A new key's secret, kept with the session between the form post that made the key and the page it redirects
-- to, which shows it once and clears it. The redirected request may reach another Parley server, so the notice
-- lives here, sealed under the master key (AES-GCM, bound to the session's token hash): never in plain text.
-- The same file runs on the embedded database (H2 in PostgreSQL mode) and on PostgreSQL.

ALTER TABLE dashboard_sessions ADD COLUMN notice_page VARCHAR(200);
ALTER TABLE dashboard_sessions ADD COLUMN sealed_notice VARCHAR(2000);
