-- Integrity flags (issue 15.4): the data the rules need, the outcome of every check, and the flags themselves.

-- Assessment participation, optional on upload: TESTED, NOT_TESTED, EXEMPT, EXCLUDED. Absent (null) = not stated,
-- counted as tested as before. A row that was not tested carries no performance level.
alter table assessment_result add column participation varchar(12);
alter table assessment_result alter column performance_level drop not null;
alter table assessment_result add constraint assessment_result_level_or_not_tested
    check (performance_level is not null or participation in ('NOT_TESTED', 'EXEMPT', 'EXCLUDED'));

-- Attendance, optional on upload: on the school's fall count; left the school after it and before the testing window.
alter table attendance_record add column in_fall_count boolean, add column exited_before_testing boolean;

-- The last outcome of each integrity rule per school, year and scope (a subject, a metric, or '' for the school):
-- FLAGGED, CLEAR or NOT_COMPUTABLE (with the reason). Aggregate counts only, never a student id.
create table integrity_check (
    school_id   uuid         not null,
    school_year varchar(7)   not null,
    rule        varchar(30)  not null,
    scope       varchar(60)  not null,
    outcome     varchar(20)  not null,
    reason      varchar(300),
    evidence    jsonb        not null,
    checked_at  timestamptz  not null,
    primary key (school_id, school_year, rule, scope)
);

-- Integrity flags: raised by a rule when data arrives, resolved by oversight with a note. At most one OPEN flag per
-- school, year, rule and scope; the same evidence never raises a flag twice (fingerprint of the evidence).
create table integrity_flag (
    id                uuid          primary key,
    school_id         uuid          not null,
    school_year       varchar(7)    not null,
    rule              varchar(30)   not null,
    scope             varchar(60)   not null,
    status            varchar(12)   not null,
    evidence          jsonb         not null,
    fingerprint       text          not null,
    framework_id      uuid,
    framework_version integer,
    job_id            uuid,
    raised_at         timestamptz   not null,
    updated_at        timestamptz   not null,
    resolved_at       timestamptz,
    resolved_by       varchar(200),
    resolution_note   varchar(2000),
    row_version       bigint        not null default 0
);
create unique index integrity_flag_one_open on integrity_flag (school_id, school_year, rule, scope) where status = 'OPEN';
create index integrity_flag_school on integrity_flag (school_id, school_year, raised_at);
create index integrity_flag_status on integrity_flag (status, raised_at);

-- The enrollment-drop rule looks up each student's results of the year before (at any school of the district).
create index assessment_result_student_year on assessment_result (student_id, school_year);
