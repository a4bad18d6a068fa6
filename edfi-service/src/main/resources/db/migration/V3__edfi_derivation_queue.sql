-- The derivation queue (issue 17, docs/decisions/0009-edfi-derivation-queue.md): a write commits its Ed-Fi resource and
-- one "derivation pending" row per record it changes in ONE transaction and is answered at once; the deriver drains the
-- rows in batches (coalescing the rows of one record), claims them with FOR UPDATE SKIP LOCKED plus a per-record
-- advisory lock (two instances never send the same record at the same time), and deletes them once performance-service
-- has the record. Rows survive a restart. No token is stored: the deriver authenticates as edfi-service's own client.
--   kind ATTENDANCE  record_key = StudentYear as JSON [edfiSchoolId, schoolYear, studentUniqueId]
--   kind ASSESSMENT  record_key = AssessmentKey as JSON [namespace, assessmentIdentifier, studentUniqueId, schoolYear]
create table edfi_derivation_pending (
    id              bigserial   primary key,
    kind            text        not null check (kind in ('ATTENDANCE', 'ASSESSMENT')),
    record_key      text        not null,
    client_id       text,
    queued_at       timestamptz not null default now(),
    attempts        integer     not null default 0,
    next_attempt_at timestamptz not null default now()
);
create index edfi_derivation_pending_due on edfi_derivation_pending (next_attempt_at, id);

-- Records performance-service rejected (a row it refused, or the whole upload refused with a 4xx): kept until the record
-- is sent successfully; listed at GET /edfi/derivations/problems (DISTRICT_ADMIN; an SIS for its schools' records).
create table edfi_derivation_problem (
    kind           text        not null,
    record_key     text        not null,
    edfi_school_id bigint,
    client_id      text,
    status         integer     not null,
    field          text,
    message        text        not null,
    occurred_at    timestamptz not null,
    primary key (kind, record_key)
);
create index edfi_derivation_pending_record on edfi_derivation_pending (kind, record_key);
