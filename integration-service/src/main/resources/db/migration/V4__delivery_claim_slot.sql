-- The claim (one in-flight slot: requests sent one after the other over one connection) an IN_FLIGHT delivery belongs
-- to. A subscription's in-flight bound counts these slots across replicas, not rows: a slot carries the due heads of
-- several lanes and each lane's next queued events, acknowledged one by one.
alter table webhook_delivery add column claim_id uuid;
