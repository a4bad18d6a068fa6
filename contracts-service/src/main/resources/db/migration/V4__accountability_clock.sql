-- The accountability clock (issue 15, point 2). A contract version may carry accountability terms (jsonb, null = the
-- defaults: no due or review dates, an overdue step only flagged, no MISSING_DATA): per intervention level the days
-- to the step's due date and review date, what an overdue step does, the grace period after a benchmark's school
-- year after which a benchmark without data becomes MISSING_DATA, and whether MISSING_DATA and INSUFFICIENT_DATA
-- count as misses. Contracts written before keep behaving as they did.
alter table contract_version add column accountability jsonb;

-- the current intervention step's dates (set when the level changes; null at NONE or when the contract sets none)
alter table contract add column intervention_due_date date;
alter table contract add column intervention_review_date date;
create index contract_intervention_due on contract (intervention_due_date) where status = 'ACTIVE' and intervention_due_date is not null;
create index contract_intervention_review on contract (intervention_review_date) where status = 'ACTIVE' and intervention_review_date is not null;

alter table intervention_change add column due_date date;
alter table intervention_change add column review_date date;

-- an evaluation made without a usable value may count as a miss (the contract says so); MISSING_DATA says by when
-- the data was due
alter table benchmark_evaluation add column counts_as_miss boolean not null default false;
alter table benchmark_evaluation add column data_due_by date;

-- What the clock job found, once: a step that went overdue (subject = the intervention change), a benchmark whose data
-- did not come (subject = the benchmark, for its period). The unique key is what makes each effect happen once when
-- several replicas run the job at the same moment: the effect is applied in the transaction that inserted the row.
create table clock_fact (
    id          uuid         primary key,
    kind        varchar(30)  not null,
    contract_id uuid         not null references contract (id),
    school_id   uuid         not null,
    subject_id  uuid         not null,
    period      varchar(7)   not null default '',
    metric_code varchar(60),
    due_date    date         not null,
    found_on    date         not null,
    created_at  timestamptz  not null,
    constraint clock_fact_once unique (kind, contract_id, subject_id, period)
);
create index clock_fact_contract on clock_fact (contract_id);
