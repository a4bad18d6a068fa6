-- A check of a past date answers with the grant as it stood on that date (review A7 of 2026-12-05): an amendment
-- changes a grant's decisions, effective dates and (for a revoked grant) its domain and model in place, and a renewal
-- sets and clears its successor contract, so every history entry now also records the grant's terms after the change.
alter table grant_history add column domain varchar(20);
alter table grant_history add column model varchar(30);
alter table grant_history add column decisions varchar(4000);
alter table grant_history add column effective_from date;
alter table grant_history add column effective_to date;
alter table grant_history add column successor_contract_id uuid;

-- Every change of a grant writes a history entry after it, so a grant's own columns are the terms after its latest
-- entry: recorded there, a past date after that entry is answered with them. Dates before it (entries written
-- before this migration) have no terms: the grant's current terms count for them, as before.
update grant_history h
   set domain = g.domain, model = g.model, decisions = g.decisions, effective_from = g.effective_from,
       effective_to = g.effective_to, successor_contract_id = g.successor_contract_id
  from autonomy_grant g
 where g.id = h.grant_id
   and h.id = (select max(l.id) from grant_history l where l.grant_id = h.grant_id);
