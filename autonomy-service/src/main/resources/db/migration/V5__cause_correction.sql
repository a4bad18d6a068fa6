-- Issue 15.3: a grant change caused by a benchmark evaluated on corrected data names the correction of student records
-- (performance-service's correction id and its reason), carried by BenchmarkEvaluated.correction.
alter table autonomy_grant add column cause_correction_id uuid;
alter table autonomy_grant add column cause_correction_reason varchar(500);
alter table grant_history add column cause_correction_id uuid;
alter table grant_history add column cause_correction_reason varchar(500);
