-- A claim reads each subscription's oldest due lane heads and stops at what it can take (DeliveryRepository.claim):
-- the due index leads with the subscription and is ordered as the claim takes them; the in-flight index carries the
-- lease, which tells busy slots (lease_until > now()) from abandoned ones (<= now()). Both replace the indexes of V1
-- on the same rows, so a delivery's writes update no more indexes than before. Run in the migration's transaction: the
-- table is locked while the two partial indexes are built (a scan of the table, which keeps finished deliveries for
-- WEBHOOKS_LOG_RETENTION, 30 days): seconds for a few million rows, during which deliveries wait.
drop index webhook_delivery_due;
create index webhook_delivery_due on webhook_delivery (subscription_id, next_attempt_at, seq) where state = 'PENDING';
drop index webhook_delivery_in_flight;
create index webhook_delivery_in_flight on webhook_delivery (subscription_id, lease_until) where state = 'IN_FLIGHT';
-- The queue's rows change state two or three times each (no HOT update: the state is in the partial indexes' predicates),
-- leaving dead index entries that scans walk until a vacuum removes them; the default (a vacuum once a fifth of the
-- table is dead, the table being mostly finished rows kept for the log) let tens of thousands pile up at 1,000
-- deliveries a second. Vacuum after 10,000 dead rows whatever the table's size; analyse after 2 % changed.
alter table webhook_delivery set (autovacuum_vacuum_scale_factor = 0, autovacuum_vacuum_threshold = 10000,
    autovacuum_analyze_scale_factor = 0.02);
-- seq orders a subscription's log and a lane's events (through the indexes above and webhook_delivery_log); nothing
-- looks a delivery up by seq alone, and a bigserial needs no unique index to stay unique: one index fewer to update
-- for each of the two or three versions of every delivery row.
alter table webhook_delivery drop constraint webhook_delivery_seq_key;
