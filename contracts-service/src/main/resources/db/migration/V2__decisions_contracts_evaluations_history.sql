-- Oversight decisions on schools, performance contracts (versioned content), benchmark evaluations, the
-- intervention ladder, the evidence learnt from other services' events, and one ordered history.

-- A status decision of an oversight body on a school, with the evidence it had in front of it.
create table school_status_decision (
    id              uuid          primary key,
    school_id       uuid          not null references school (id),
    decision        varchar(30)   not null,
    previous_status varchar(20)   not null,
    status          varchar(20)   not null,
    reason          varchar(2000) not null,
    decided_by      varchar(200)  not null,
    effective_date  date          not null,
    evidence        jsonb         not null,
    decided_at      timestamptz   not null
);
create index school_status_decision_school on school_status_decision (school_id, decided_at);

-- A performance contract. Its content (term, provisions, benchmarks) lives in contract_version; the row keeps
-- the lifecycle and the denormalised current term for filters and the expiry job.
create table contract (
    id                       uuid          primary key,
    school_id                uuid          not null references school (id),
    oversight_body_id        uuid          not null references oversight_body (id),
    status                   varchar(20)   not null,
    current_version          integer       not null,
    term_start_year          varchar(7)    not null,
    term_end_year            varchar(7)    not null,
    intervention_level       varchar(30)   not null,
    intervention_since       date,
    renews_contract_id       uuid          references contract (id),
    renewed_by_contract_id   uuid          references contract (id),
    activated_at             timestamptz,
    activated_by             varchar(200),
    ended_at                 timestamptz,
    ended_by                 varchar(200),
    end_reason               varchar(2000),
    end_effective_date       date,
    scheduled_end_as         varchar(20),
    scheduled_end_date       date,
    scheduled_end_reason     varchar(2000),
    scheduled_end_by         varchar(200),
    created_by               varchar(200)  not null,
    version                  bigint        not null default 0,
    created_at               timestamptz   not null,
    updated_at               timestamptz   not null
);
-- the rule "at most one ACTIVE contract per school" is the database's, not only the code's
create unique index contract_one_active_per_school on contract (school_id) where status = 'ACTIVE';
create index contract_school on contract (school_id);
create index contract_oversight_body on contract (oversight_body_id);
create index contract_status_term_end on contract (status, term_end_year);
create index contract_scheduled_end on contract (scheduled_end_date) where scheduled_end_date is not null;

create table contract_version (
    id              uuid          primary key,
    contract_id     uuid          not null references contract (id),
    number          integer       not null,
    term_start_year varchar(7)    not null,
    term_end_year   varchar(7)    not null,
    reason          varchar(2000),
    created_by      varchar(200)  not null,
    created_at      timestamptz   not null,
    constraint contract_version_number unique (contract_id, number)
);

-- provision_id / benchmark_id are stable across versions (an amendment keeps them); id is the row
create table contract_provision (
    id                            uuid          primary key,
    contract_version_id           uuid          not null references contract_version (id),
    provision_id                  uuid          not null,
    position                      integer       not null,
    domain                        varchar(20)   not null,
    model                         varchar(30)   not null,
    scope                         varchar(1000) not null,
    decisions                     varchar(2000) not null,
    eligibility_minimum_tier      varchar(20),
    eligibility_consecutive_years integer,
    constraint contract_provision_once unique (contract_version_id, provision_id)
);

create table contract_benchmark (
    id                  uuid          primary key,
    contract_version_id uuid          not null references contract_version (id),
    benchmark_id        uuid          not null,
    position            integer       not null,
    metric_code         varchar(60)   not null,
    comparator          varchar(3)    not null,
    target              numeric       not null,
    period              varchar(7)    not null,
    category            varchar(20)   not null,
    guards_domains      varchar(60)   not null,
    miss_triggers       varchar(30)   not null,
    reinstate_on_met    boolean       not null,
    description         varchar(1000),
    constraint contract_benchmark_once unique (contract_version_id, benchmark_id)
);
-- the evaluation hot path: active contract by school (unique index above) → version → benchmarks on metric/period
create index contract_benchmark_lookup on contract_benchmark (contract_version_id, metric_code, period);

-- Every evaluation of a benchmark (MET / MISSED, or INSUFFICIENT_DATA for a suppressed value, not published)
create table benchmark_evaluation (
    id               uuid         primary key,
    contract_id      uuid         not null references contract (id),
    contract_version integer      not null,
    benchmark_id     uuid         not null,
    school_id        uuid         not null,
    metric_code      varchar(60)  not null,
    period           varchar(7)   not null,
    comparator       varchar(3)   not null,
    target           numeric      not null,
    actual           numeric,
    n                integer,
    suppressed       boolean      not null,
    result           varchar(20)  not null,
    triggered_by     varchar(20)  not null,
    source_event_id  varchar(200),
    source_result_id uuid,
    evaluated_at     timestamptz  not null
);
create index benchmark_evaluation_benchmark on benchmark_evaluation (contract_id, benchmark_id, evaluated_at);

-- Every change of a contract's intervention level
create table intervention_change (
    id             uuid          primary key,
    contract_id    uuid          not null references contract (id),
    school_id      uuid          not null,
    previous_level varchar(30)   not null,
    level          varchar(30)   not null,
    reason         varchar(2000) not null,
    cause_kind     varchar(30)   not null,
    benchmark_id   uuid,
    evaluation_id  uuid,
    decided_by     varchar(200)  not null,
    effective_date date          not null,
    changed_at     timestamptz   not null
);
create index intervention_change_contract on intervention_change (contract_id, changed_at);

-- Learnt from performance.events (MetricResultRecorded): the latest value per school, metric and period.
-- No foreign key to school: an event may arrive before (or without) the school being known here.
create table metric_observation (
    id              uuid         primary key,
    school_id       uuid         not null,
    metric_code     varchar(60)  not null,
    period          varchar(7)   not null,
    value           numeric,
    n               integer,
    suppressed      boolean      not null,
    source          varchar(40),
    result_id       uuid,
    recorded_at     timestamptz  not null,
    source_event_id varchar(200) not null,
    received_at     timestamptz  not null,
    constraint metric_observation_once unique (school_id, metric_code, period)
);

-- Learnt from performance.events (SchoolRatingPublished): the rating per school and year
create table school_rating (
    id                uuid         primary key,
    school_id         uuid         not null,
    school_year       varchar(7)   not null,
    rating_id         uuid,
    framework_version integer,
    total_points      numeric,
    max_points        numeric,
    percent           numeric,
    tier              varchar(20),
    published_at      timestamptz  not null,
    source_event_id   varchar(200) not null,
    constraint school_rating_once unique (school_id, school_year)
);

-- Learnt from enrollment.events (DemandReported): demand per school and enrollment period (round)
create table school_demand (
    id              uuid         primary key,
    school_id       uuid         not null,
    period_id       uuid         not null,
    school_year     varchar(7)   not null,
    round           integer      not null,
    applicants      integer      not null,
    first_choices   integer      not null,
    seats           integer      not null,
    offers          integer      not null,
    reported_at     timestamptz  not null,
    source_event_id varchar(200) not null,
    constraint school_demand_once unique (school_id, period_id)
);

-- Learnt from autonomy.events: the state of each autonomy grant, shown on the scorecard
create table autonomy_grant_state (
    grant_id        uuid          primary key,
    school_id       uuid          not null,
    domain          varchar(20)   not null,
    model           varchar(30),
    status          varchar(20)   not null,
    contract_id     uuid,
    since           timestamptz   not null,
    cause_kind      varchar(40),
    cause_summary   varchar(1000),
    last_event_id   varchar(200)  not null
);
create index autonomy_grant_state_school on autonomy_grant_state (school_id);

-- One ordered trail of everything that happened to a school and its contracts, each with its cause
create table history_entry (
    seq            bigint        generated by default as identity primary key,
    occurred_at    timestamptz   not null,
    school_id      uuid          not null,
    contract_id    uuid,
    kind           varchar(40)   not null,
    summary        varchar(1000) not null,
    actor          varchar(200)  not null,
    reason         varchar(2000),
    effective_date date,
    ref_id         uuid,
    cause          jsonb
);
create index history_entry_school on history_entry (school_id, seq);
create index history_entry_contract on history_entry (contract_id, seq) where contract_id is not null;

-- schools registered before this migration get their registration into the history
insert into history_entry (occurred_at, school_id, kind, summary, actor)
select created_at, id, 'SCHOOL_REGISTERED', 'Registered as ' || status, 'unknown' from school;
