-- compatible: yes (a new index only; servers of the previous version neither need nor mind it)
-- The dashboard lists an app's conversations most recently active first. The embedded database reads an index in
-- its own order only, so this one is kept newest first (PostgreSQL would also read conversations_by_app_activity
-- backwards).
CREATE INDEX conversations_by_app_recent_activity ON conversations (app_id, last_activity_at DESC, id DESC);
