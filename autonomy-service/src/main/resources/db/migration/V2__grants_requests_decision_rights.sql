-- Autonomy grants, their history and causes, programmatic requests, the service's own copy of what it learns
-- from contracts-service and performance-service, and a versioned decision catalog.

-- ---------------------------------------------------------------------------------------------------------
-- Decision catalog versions. Every edit (add, edit, retire) makes a new catalog version with a full snapshot;
-- `decision` stays the current catalog (every code ever defined; retired ones keep their row).
alter table decision add column introduced_in_version integer not null default 1;
alter table decision add column retired_in_version integer;
alter table decision add column updated_at timestamptz not null default now();

create table catalog_version (
    version       integer       primary key,
    created_at    timestamptz   not null,
    created_by    varchar(200)  not null,
    change_kind   varchar(20)   not null,      -- SEEDED, ADDED, EDITED, RETIRED
    decision_code varchar(60),
    summary       varchar(1000) not null
);

create table catalog_entry (
    catalog_version integer       not null references catalog_version (version),
    code            varchar(60)   not null,
    domain          varchar(20)   not null,
    name            varchar(200)  not null,
    description     varchar(1000),
    primary key (catalog_version, code)
);

insert into catalog_version (version, created_at, created_by, change_kind, decision_code, summary)
values (1, now(), 'system', 'SEEDED', null, 'The default catalog');
insert into catalog_entry (catalog_version, code, domain, name, description)
select 1, code, domain, name, description from decision;

-- ---------------------------------------------------------------------------------------------------------
-- Schools as the autonomy service knows them (from SchoolRegistered / SchoolStatusChanged, or first seen in
-- any other event). The row is also the per-school lock that serialises every change to a school's grants.
create table school (
    id                uuid         primary key,
    district_code     varchar(40),
    name              varchar(200),
    type              varchar(20),
    status            varchar(20),             -- null until its registration or a status change is known
    status_reason     varchar(1000),
    status_changed_at timestamptz,
    first_seen_at     timestamptz  not null,
    updated_at        timestamptz  not null,
    version           bigint       not null default 0
);

-- Contracts as learned from ContractActivated / Amended / Ended.
create table contract (
    id                     uuid          primary key,
    school_id              uuid          not null,
    version                integer       not null,
    status                 varchar(20)   not null,  -- ACTIVE, EXPIRED, RENEWED, NON_RENEWED, TERMINATED
    start_year             varchar(7),
    end_year               varchar(7),
    renews_contract_id     uuid,
    renewed_by_contract_id uuid,
    ended_reason           varchar(2000),
    ended_effective_date   date,
    updated_at             timestamptz   not null
);
create index contract_school on contract (school_id);

-- Published school ratings (latest per school and school year), for EARNED eligibility.
create table school_rating (
    school_id         uuid        not null,
    school_year       varchar(7)  not null,
    rating_id         uuid        not null,
    tier              varchar(20) not null,
    percent           numeric(7, 2),
    framework_version integer,
    published_at      timestamptz,
    event_id          varchar(200) not null,
    received_at       timestamptz not null,
    primary key (school_id, school_year)
);

-- Every BenchmarkEvaluated received, whether it changed a grant or not.
create table benchmark_evaluation (
    event_id           varchar(200) primary key,
    evaluation_id      uuid,
    benchmark_id       uuid         not null,
    contract_id        uuid,
    school_id          uuid         not null,
    metric_code        varchar(60),
    period             varchar(7),
    comparator         varchar(5),
    target             numeric(18, 4),
    actual             numeric(18, 4),
    n                  integer,
    result             varchar(10)  not null,
    guards_domains     varchar(100) not null,
    reinstate_on_met   boolean      not null,
    intervention_level varchar(40),
    grants_revoked     integer      not null,
    grants_reinstated  integer      not null,
    received_at        timestamptz  not null
);
create index benchmark_evaluation_school on benchmark_evaluation (school_id, received_at);

-- ---------------------------------------------------------------------------------------------------------
-- Grants. `cause_*` is the stored cause of the grant's latest status change (the same columns in
-- grant_history hold the cause of every change).
create table autonomy_grant (
    id                            uuid          primary key,
    school_id                     uuid          not null,
    domain                        varchar(20)   not null,
    model                         varchar(30)   not null,
    decisions                     varchar(4000) not null,   -- JSON array of decision codes; [] = the whole domain
    scope                         varchar(1000),
    source                        varchar(30)   not null,   -- CONTRACT_PROVISION, APPROVED_REQUEST, MANUAL
    contract_id                   uuid,
    provision_id                  uuid,
    request_id                    uuid,
    eligibility_minimum_tier      varchar(20),
    eligibility_consecutive_years integer,
    effective_from                date          not null,
    effective_to                  date,
    status                        varchar(20)   not null,   -- PENDING, ACTIVE, REVOKED, ENDED
    status_since                  timestamptz   not null,
    successor_contract_id         uuid,                     -- its contract was RENEWED; the successor takes it over
    auto_reinstate                boolean       not null default false,
    ever_active                   boolean       not null default false,
    cause_kind                    varchar(30),
    cause_event_id                varchar(200),
    cause_benchmark_id            uuid,
    cause_evaluation_id           uuid,
    cause_metric_code             varchar(60),
    cause_period                  varchar(7),
    cause_comparator              varchar(5),
    cause_target                  numeric(18, 4),
    cause_actual                  numeric(18, 4),
    cause_rating_ids              varchar(1000),
    cause_request_id              uuid,
    cause_contract_id             uuid,
    cause_reason                  varchar(2000),
    cause_description             varchar(2000),
    cause_actor                   varchar(200),
    version                       bigint        not null default 0,
    created_at                    timestamptz   not null,
    updated_at                    timestamptz   not null
);
create index autonomy_grant_school on autonomy_grant (school_id, domain);
create index autonomy_grant_contract on autonomy_grant (contract_id);
create index autonomy_grant_request on autonomy_grant (request_id);
create index autonomy_grant_live_term on autonomy_grant (effective_to) where status <> 'ENDED';

create table grant_history (
    id                  bigint        generated by default as identity primary key,
    grant_id            uuid          not null references autonomy_grant (id),
    school_id           uuid          not null,
    at                  timestamptz   not null,
    action              varchar(30)   not null,
    from_status         varchar(20),
    to_status           varchar(20)   not null,
    cause_kind          varchar(30),
    cause_event_id      varchar(200),
    cause_benchmark_id  uuid,
    cause_evaluation_id uuid,
    cause_metric_code   varchar(60),
    cause_period        varchar(7),
    cause_comparator    varchar(5),
    cause_target        numeric(18, 4),
    cause_actual        numeric(18, 4),
    cause_rating_ids    varchar(1000),
    cause_request_id    uuid,
    cause_contract_id   uuid,
    cause_reason        varchar(2000),
    cause_description   varchar(2000),
    cause_actor         varchar(200)
);
create index grant_history_grant on grant_history (grant_id, id);
create index grant_history_school on grant_history (school_id, id);

-- Benchmarks whose miss keeps a revoked grant revoked (a grant comes back automatically only when every one
-- of them has been met again).
create table grant_open_miss (
    id               uuid        primary key,
    grant_id         uuid        not null references autonomy_grant (id),
    benchmark_id     uuid        not null,
    evaluation_id    uuid,
    reinstate_on_met boolean     not null,
    missed_at        timestamptz not null,
    unique (grant_id, benchmark_id)
);

-- ---------------------------------------------------------------------------------------------------------
-- Programmatic requests (the RFP path) and every step of their review.
create table autonomy_request (
    id                uuid           primary key,
    school_id         uuid           not null,
    domain            varchar(20)    not null,
    decisions         varchar(4000)  not null,   -- JSON array of decision codes
    title             varchar(200)   not null,
    justification     varchar(20000) not null,
    expected_outcomes varchar(10000) not null,   -- JSON array of outcomes
    start_date        date           not null,
    end_date          date           not null,
    status            varchar(20)    not null,   -- SUBMITTED, UNDER_REVIEW, APPROVED, DENIED, WITHDRAWN, CANCELLED
    submitted_by      varchar(200)   not null,
    submitted_at      timestamptz    not null,
    decided_by        varchar(200),
    decided_at        timestamptz,
    rationale         varchar(5000),
    grant_id          uuid,
    version           bigint         not null default 0,
    updated_at        timestamptz    not null
);
create index autonomy_request_school on autonomy_request (school_id, submitted_at);
create index autonomy_request_status on autonomy_request (status, submitted_at);

create table request_step (
    id          bigint         generated by default as identity primary key,
    request_id  uuid           not null references autonomy_request (id),
    at          timestamptz    not null,
    kind        varchar(20)    not null,   -- SUBMITTED, REVIEW_STARTED, COMMENTED, REVISED, APPROVED, DENIED, WITHDRAWN, CANCELLED
    from_status varchar(20),
    to_status   varchar(20)    not null,
    actor       varchar(200)   not null,
    actor_role  varchar(30),
    text        varchar(10000)
);
create index request_step_request on request_step (request_id, id);
