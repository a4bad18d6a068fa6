-- A CloudEvents id is unique for its source only: one service's event must not keep another's out of the feed by
-- taking its id first (hostile review of the twenty-seventh pass, G1).
alter table feed_event drop constraint feed_event_event_id_key;
alter table feed_event add constraint feed_event_source_event_id_key unique (source, event_id);
