-- The retention purge walks one app's conversations inactive the longest first (MessageRetention).
CREATE INDEX conversations_by_app_activity ON conversations (app_id, last_activity_at, id);
