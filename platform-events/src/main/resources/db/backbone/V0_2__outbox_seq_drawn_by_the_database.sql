-- The relay publishes unsent rows in seq order, which must be the order the rows were written in, also across the
-- replicas of a service. Each replica's Hibernate drew the sequence in blocks of 50, so a replica holding an older
-- block numbered a later event below an earlier one of another replica, and two events of one school waiting together
-- (a broker outage, the relay's next poll) went out the wrong way round (review of 2026-12-05). From now on the
-- database draws one number per row at insert. The sequence keeps its step of 50: a replica of the previous release
-- (a rolling deploy) still draws blocks, whose numbers these never meet, and a rollback needs no change.
alter table outbox_event alter column seq set default nextval('outbox_event_seq');
