-- A check of a past date answers with the grant as it stood on that date (review A7 of 2026-12-05): an amendment
-- changes a grant's decisions, effective dates and (for a revoked grant) its domain in place, so every history entry
-- now also records the grant's terms after the change. Entries written before this migration have none: for them
-- the check falls back to the grant's current terms, as it did before.
alter table grant_history add column domain varchar(20);
alter table grant_history add column decisions varchar(4000);
alter table grant_history add column effective_from date;
alter table grant_history add column effective_to date;
