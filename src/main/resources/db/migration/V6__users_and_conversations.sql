-- A conversation's participants in the order they joined (their ids), for its cursor pages.
CREATE INDEX participants_in_order ON participants (app_id, conversation_id, id);
