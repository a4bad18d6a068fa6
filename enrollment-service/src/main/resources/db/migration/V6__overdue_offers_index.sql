-- The offer expiry reads a period's OFFERED offers by deadline, batch after batch, and the scheduler looks every minute
-- for periods with an overdue offer: without this index each batch read every offer of its period, and each look every
-- offer of every period (hostile read of the twenty-second pass, L3). Only OFFERED offers are in it: few, once a round's
-- deadline has passed.
create index offer_overdue on offer (period_id, deadline, id) where status = 'OFFERED';
