-- edfi-service phase 2 (issue 17): assessments and studentAssessments, the district's descriptor mappings for them, and
-- what the door has sent to performance-service for each student assessment (to retract it when it goes away).

-- An assessment belongs to no school; a studentAssessment to its reported school or to the school of the student's
-- enrollment found when it was written (none for a district administrator's write without either).
alter table edfi_resource alter column school_id drop not null;
create index edfi_resource_student_any on edfi_resource (resource, student_unique_id);

-- What a descriptor of an assessment means to the suite, per kind and namespace (docs/edfi.md):
--   PERFORMANCE_LEVEL  value '1'..'5'        the suite's performance level
--   ACADEMIC_SUBJECT   value a subject code  (ELA, MATH, ...)
--   REPORTING_METHOD   value 'SCALE_SCORE' or 'NONE'
-- Edited by DISTRICT_ADMIN; nothing is seeded: the district says what its levels and subjects mean.
create table edfi_descriptor_map (
    kind       text        not null check (kind in ('PERFORMANCE_LEVEL', 'ACADEMIC_SUBJECT', 'REPORTING_METHOD')),
    namespace  text        not null,
    code_value text        not null,
    value      text        not null,
    changed_by text        not null,
    changed_at timestamptz not null,
    primary key (kind, namespace, code_value)
);

-- The assessment record last sent to performance-service for a student's result on an assessment in a school year
-- (source_key = the AssessmentKey as JSON), by performance-service's natural key: when the derivation gives another key
-- or nothing, the sent record is retracted through performance-service's corrections API.
create table edfi_sent_assessment (
    source_key text        primary key,
    school_id  uuid        not null,
    school_year text       not null,
    student_id text        not null,
    subject    text        not null,
    test_code  text        not null,
    sent_at    timestamptz not null
);
