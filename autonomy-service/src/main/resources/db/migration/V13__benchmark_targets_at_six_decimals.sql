-- A benchmark's target is declared with up to 6 decimals (contracts-service stores it as numeric, unbounded) and up to
-- ±10^12; these copies rounded it to 4 decimals, so a target of 0.123456 read 0.1235 here while contracts-service and
-- the text of the same cause said 0.123456 (hostile review of the fourteenth pass, 2026-12-06). Widening keeps every
-- stored value.
alter table benchmark_evaluation alter column target type numeric(20, 6);
alter table autonomy_grant alter column cause_target type numeric(20, 6);
alter table grant_history alter column cause_target type numeric(20, 6);
