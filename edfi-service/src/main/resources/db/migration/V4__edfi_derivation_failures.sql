-- Poison in the derivation queue (docs/edfi.md, decision 0009): a record whose own derivation fails unexpectedly (a
-- stored document that cannot be read, a bug) is retried alone, counting its failures apart from the transient
-- postponements (performance-service down: attempts); after portfolio.edfi.deriver.max-attempts failures its rows leave
-- the queue and it is listed with the problems as DERIVATION_FAILED (status 0: never sent). A new write re-queues it.
alter table edfi_derivation_pending add column failures integer not null default 0;
alter table edfi_derivation_problem add column reason text not null default 'REJECTED'
    check (reason in ('REJECTED', 'DERIVATION_FAILED'));
