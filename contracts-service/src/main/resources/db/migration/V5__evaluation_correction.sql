-- Issue 15.3: an evaluation made on a value that a correction of student records produced names that correction
-- (performance-service's correction id and its reason), as BenchmarkEvaluated.correction does.
alter table benchmark_evaluation add column correction_id uuid;
alter table benchmark_evaluation add column correction_reason varchar(500);
