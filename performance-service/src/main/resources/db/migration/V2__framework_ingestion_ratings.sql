-- How a metric is computed: from school-level values posted by an SIS, from student-level records, or from
-- enrollment's demand figures. `subjects` names the assessment subjects a student-level computation reads.
alter table metric_definition
    add column computation varchar(40) not null default 'SCHOOL_LEVEL',
    add column subjects    varchar(200);

update metric_definition set computation = 'ASSESSMENT_PROFICIENCY', subjects = 'ELA' where code = 'ELA_PROFICIENCY';
update metric_definition set computation = 'ASSESSMENT_PROFICIENCY', subjects = 'MATH' where code = 'MATH_PROFICIENCY';
update metric_definition set computation = 'MEDIAN_GROWTH_PERCENTILE', subjects = 'ELA,MATH' where code = 'MEDIAN_GROWTH_PERCENTILE';
update metric_definition set computation = 'CHRONIC_ABSENTEEISM' where code = 'CHRONIC_ABSENTEEISM';
update metric_definition set computation = 'FAMILY_DEMAND' where code = 'FAMILY_DEMAND';

-- Performance-service's own copy of the school registry (from contracts.events).
create table school (
    id            uuid         primary key,
    district_code varchar(40),
    name          varchar(200) not null,
    type          varchar(20)  not null,
    grades        varchar(60),
    zone          varchar(60),
    status        varchar(20)  not null,
    updated_at    timestamptz  not null,
    last_event_id varchar(200)
);
create index school_district_code on school (district_code);

-- Performance frameworks, versioned per school year. The definition (categories, metrics with weights, cut points
-- and minimum n, tiers) is a document; it never changes once the framework is published.
create table framework (
    id                       uuid          primary key,
    school_year              varchar(7)    not null,
    version                  integer       not null,
    name                     varchar(200)  not null,
    description              varchar(2000),
    status                   varchar(20)   not null,
    minimum_n                integer       not null,
    proficient_level         smallint      not null,
    minimum_coverage_percent numeric(5, 1) not null,
    definition               jsonb         not null,
    row_version              bigint        not null default 0,
    created_at               timestamptz   not null,
    created_by               varchar(200)  not null,
    published_at             timestamptz,
    published_by             varchar(200),
    superseded_at            timestamptz,
    unique (school_year, version)
);
create unique index framework_one_published_per_year on framework (school_year) where status = 'PUBLISHED';

-- Student-level assessment results (personal data: never in events or logs). Natural key: school, school year
-- (its first calendar year), subject, SIS student id, test.
create table assessment_result (
    school_id         uuid        not null,
    school_year       smallint    not null,
    subject           varchar(20) not null,
    student_id        varchar(64) not null,
    test_code         varchar(40) not null,
    grade_level       varchar(2),
    performance_level smallint    not null,
    scale_score       integer,
    growth_percentile smallint,
    job_id            uuid        not null,
    updated_at        timestamptz not null,
    primary key (school_id, school_year, subject, student_id, test_code)
);

-- Student-level attendance for a school year (personal data). Natural key: school, school year, SIS student id.
create table attendance_record (
    school_id     uuid          not null,
    school_year   smallint      not null,
    student_id    varchar(64)   not null,
    grade_level   varchar(2),
    days_enrolled numeric(5, 1) not null,
    days_absent   numeric(5, 1) not null,
    job_id        uuid          not null,
    updated_at    timestamptz   not null,
    primary key (school_id, school_year, student_id)
);

-- The current value of each school metric per year (natural key school + metric + year).
create table school_metric_value (
    school_id   uuid           not null,
    school_year varchar(7)     not null,
    metric_code varchar(60)    not null references metric_definition (code),
    value       numeric(14, 4) not null,
    n           integer,
    suppressed  boolean        not null,
    source      varchar(30)    not null,
    result_id   uuid           not null,
    updated_at  timestamptz    not null,
    primary key (school_id, school_year, metric_code)
);
create index school_metric_value_year on school_metric_value (school_year, metric_code);

-- Every recorded change of a school metric value (one MetricResultRecorded each).
create table metric_result (
    id             uuid           primary key,
    school_id      uuid           not null,
    school_year    varchar(7)     not null,
    metric_code    varchar(60)    not null,
    value          numeric(14, 4) not null,
    n              integer,
    suppressed     boolean        not null,
    previous_value numeric(14, 4),
    source         varchar(30)    not null,
    job_id         uuid,
    event_id       uuid           not null,
    recorded_at    timestamptz    not null
);
create index metric_result_school on metric_result (school_id, school_year, metric_code, recorded_at);

-- School ratings: every computed version is kept; `current` marks the latest per school and year.
create table school_rating (
    id                uuid          primary key,
    school_id         uuid          not null,
    school_year       varchar(7)    not null,
    framework_id      uuid          not null references framework (id),
    framework_version integer       not null,
    rated             boolean       not null,
    tier              varchar(20),
    total_points      numeric(8, 2) not null,
    max_points        numeric(8, 2) not null,
    percent           numeric(5, 1),
    coverage_percent  numeric(5, 1) not null,
    details           jsonb         not null,
    fingerprint       text          not null,
    current           boolean       not null,
    event_id          uuid,
    computed_at       timestamptz   not null
);
create unique index school_rating_current on school_rating (school_id, school_year) where current;
create index school_rating_history on school_rating (school_id, school_year, computed_at);
create index school_rating_year on school_rating (school_year, tier) where current;

-- Demand per school and enrollment period (from DemandReported), the input of FAMILY_DEMAND.
create table demand_report (
    school_id     uuid         not null,
    period_id     uuid         not null,
    school_year   varchar(7)   not null,
    round         integer      not null,
    applicants    integer      not null,
    first_choices integer      not null,
    seats         integer      not null,
    offers        integer,
    event_id      varchar(200) not null,
    received_at   timestamptz  not null,
    primary key (school_id, period_id)
);
create index demand_report_year on demand_report (school_id, school_year);

-- One row per SIS upload: what came in, what was kept, and where it stands.
create table ingestion_job (
    id                      uuid          primary key,
    kind                    varchar(20)   not null,
    format                  varchar(10)   not null,
    client_id               varchar(200)  not null,
    status                  varchar(20)   not null,
    phase                   varchar(20)   not null,
    rows_received           bigint        not null default 0,
    rows_accepted           bigint        not null default 0,
    rows_rejected           bigint        not null default 0,
    rows_inserted           bigint        not null default 0,
    rows_updated            bigint        not null default 0,
    rows_unchanged          bigint        not null default 0,
    rows_duplicate          bigint        not null default 0,
    bytes_received          bigint        not null default 0,
    schools_affected        integer       not null default 0,
    metric_results_changed  integer       not null default 0,
    ratings_changed         integer       not null default 0,
    errors_stored           integer       not null default 0,
    idempotency_key         varchar(200),
    failure                 varchar(1000),
    started_at              timestamptz   not null,
    heartbeat_at            timestamptz   not null,
    finished_at             timestamptz,
    row_version             bigint        not null default 0
);
create index ingestion_job_client on ingestion_job (client_id, started_at desc);
create index ingestion_job_running on ingestion_job (heartbeat_at) where status = 'RUNNING';

-- Per-row validation errors of a job (capped per job; the job counts them all).
create table ingestion_error (
    job_id     uuid         not null references ingestion_job (id) on delete cascade,
    seq        integer      not null,
    row_number bigint       not null,
    field      varchar(100) not null,
    message    varchar(500) not null,
    primary key (job_id, seq)
);

-- Idempotency-Key store: the first answer to (client, key) is replayed to every retry.
create table idempotency_record (
    client_id       varchar(200) not null,
    idempotency_key varchar(200) not null,
    request_path    varchar(300) not null,
    content_type    varchar(100),
    body_sha256     varchar(64),
    body_length     bigint,
    status          varchar(20)  not null,
    response_status integer,
    response_body   text,
    job_id          uuid,
    created_at      timestamptz  not null,
    completed_at    timestamptz,
    primary key (client_id, idempotency_key)
);
create index idempotency_record_created on idempotency_record (created_at);
