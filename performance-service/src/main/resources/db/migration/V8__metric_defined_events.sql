-- MetricDefined (ninth pass, N11): contracts-service learns each metric's better direction from it, to refuse a
-- benchmark whose comparator points the other way (CHRONIC_ABSENTEEISM GTE 10). A definition publishes it in its own
-- transaction and keeps the event's id here. The definitions made before (null: the defaults of V1 and the district's
-- own) are announced once by the service itself at start and every 10 minutes after (service.MetricAnnouncements),
-- each row by one replica (select … for update skip locked), through the outbox like any event: so the event is
-- written by the code that writes every other one (its topic and shape), not by SQL that would have to copy them.
alter table metric_definition add column defined_event_id uuid;
