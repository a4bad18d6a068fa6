-- Every row error of an upload is counted; only the first (portfolio.performance.ingestion.max-stored-errors) are
-- stored in ingestion_error. Jobs before this migration stored all they counted, up to the same limit.
alter table ingestion_job add column errors_total bigint not null default 0;
update ingestion_job set errors_total = errors_stored;
