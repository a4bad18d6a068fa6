-- A CloudEvents id is unique for its source only. A consumer that reads the topics of several services recorded
-- (consumer, event id): a service could publish, on its own topic, an event with the id of another service's event
-- not yet read, and that event was then skipped as a duplicate (hostile review of the twenty-seventh pass, G1).
-- The source is that of the topic's owner (EventOrigin refuses any other), read back from the type for the rows kept
-- and for a row a replica of the previous release inserts without it (its insert names no source: the trigger fills
-- it, so such a replica, still running while this one starts, goes on; the pass's own read, D2).
alter table processed_event add column source varchar(100);
update processed_event set source = '/' || split_part(event_type, '.', 2);
create function processed_event_source_from_type() returns trigger language plpgsql as $$
begin
    if new.source is null then
        new.source := '/' || split_part(new.event_type, '.', 2);
    end if;
    return new;
end
$$;
create trigger processed_event_source before insert on processed_event
    for each row execute function processed_event_source_from_type();
alter table processed_event alter column source set not null;
alter table processed_event drop constraint processed_event_pkey;
alter table processed_event add primary key (consumer, source, event_id);
