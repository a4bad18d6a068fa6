-- The relay publishes unsent rows in seq order, which must be the order the rows were written in, also across the
-- replicas of a service. With "increment by 50" each replica's Hibernate drew a block of 50 numbers of its own, so a
-- replica with an older block numbered a later event below an earlier one of another replica, and two events of one
-- school waiting together (a broker outage, the relay's next poll) were sent the wrong way round (review of
-- 2026-12-05). One number per row from now on, above every number an old block may still hold.
alter sequence outbox_event_seq increment by 1;
select setval('outbox_event_seq',
              greatest((select last_value from outbox_event_seq), coalesce((select max(seq) from outbox_event), 0)) + 50);
