-- Issue 15.3: corrections and retractions of student records by their natural key, their audit, the retention
-- purge and the erasure of one student's records on request.

-- One correction request (a batch of 1 to 500 items, one reason). The reason is published with the chain's events
-- (it must not name a student; the service refuses a reason that contains a student id of the request).
create table record_correction (
    id                  uuid          primary key,
    kind                varchar(20)   not null,
    reason              varchar(500)  not null,
    client_id           varchar(200)  not null,
    corrected_at        timestamptz   not null,
    items               integer       not null,
    items_changed       integer       not null,
    items_retracted     integer       not null,
    items_unchanged     integer       not null,
    metrics_changed     integer       not null,
    metrics_withdrawn   integer       not null,
    ratings_changed     integer       not null
);
create index record_correction_at on record_correction (corrected_at desc);

-- The audit of each item: who (the correction's client), when, which record (natural key) and its values before
-- and after (JSON; after is null for a retraction, before is null never: a correction names an existing record).
-- Personal data: read by DISTRICT_ADMIN, and by an SIS for its schools' items only. An erasure blanks a student's
-- natural key and values here (erased_at), keeping the row and its counts.
create table record_correction_item (
    correction_id uuid         not null references record_correction (id) on delete cascade,
    seq           integer      not null,
    school_id     uuid         not null,
    school_year   smallint     not null,
    action        varchar(10)  not null,
    student_id    varchar(64),
    subject       varchar(20),
    test_code     varchar(40),
    before_values jsonb,
    after_values  jsonb,
    outcome       varchar(20)  not null,
    erased_at     timestamptz,
    primary key (correction_id, seq)
);
create index record_correction_item_school on record_correction_item (school_id, correction_id);
create index record_correction_item_student on record_correction_item (student_id) where student_id is not null;

-- The last correction that wrote a record (job_id stays the upload that first or last uploaded it).
alter table assessment_result add column correction_id uuid;
alter table attendance_record add column correction_id uuid;

-- A metric change caused by a correction names it; a withdrawn value (its last data retracted) has no value.
alter table metric_result add column correction_id uuid;
alter table metric_result add column withdrawn boolean not null default false;
alter table metric_result alter column value drop not null;

-- The retention purge and the erasures: what was deleted, counted, never the records themselves. An erasure keeps
-- only an HMAC-SHA-256 of the student id (keyed by portfolio.performance.retention.hash-key), so the same request
-- can be recognised without storing the id.
create table record_purge (
    id                 uuid          primary key,
    kind               varchar(20)   not null,
    record_kind        varchar(20),
    through_year       varchar(7),
    student_hash       varchar(64),
    school_id          uuid,
    reason             varchar(500),
    client_id          varchar(200)  not null,
    purged_at          timestamptz   not null,
    assessments        bigint        not null,
    attendance         bigint        not null,
    correction_items   bigint        not null
);
create index record_purge_at on record_purge (purged_at desc);
