-- edfi-service: the Ed-Fi resources an SIS posts (phase 1: schools, sessions, studentSchoolAssociations,
-- studentSchoolAttendanceEvents) and the district's mappings (docs/edfi.md).

-- One row per Ed-Fi resource, unique on its Ed-Fi natural key. The document is kept as posted (without id, _etag,
-- _lastModifiedDate, which are the server's); the columns the derivation and the filters need are copied out of it.
create table edfi_resource (
    id                uuid        primary key,
    resource          text        not null,
    natural_key       text        not null,
    school_id         bigint      not null,
    school_year       integer,
    student_unique_id text,
    body              jsonb       not null,
    etag              text        not null,
    last_modified     timestamptz not null,
    changed_by        text        not null,
    constraint edfi_resource_key unique (resource, natural_key)
);
create index edfi_resource_school on edfi_resource (resource, school_id, school_year, student_unique_id);
create index edfi_resource_student on edfi_resource (resource, school_id, student_unique_id);
-- natural-key and other filters of GET lists are jsonb containment tests
create index edfi_resource_body on edfi_resource using gin (body jsonb_path_ops);

-- Which Ed-Fi school is which of our schools (the registry's school id, as performance-service and the tokens'
-- schools claim know it). Edited by DISTRICT_ADMIN.
create table edfi_school_map (
    edfi_school_id bigint      primary key,
    school_id      uuid        not null,
    changed_by     text        not null,
    changed_at     timestamptz not null
);

-- Attendance event categories per descriptor namespace: which count as absence, and with what weight per day
-- (days absent on a date = min(1, sum of weight x eventDuration)). A category not listed is refused, never guessed.
create table edfi_attendance_category (
    namespace  text         not null,
    code_value text         not null,
    absence    boolean      not null,
    weight     numeric(4,3) not null check (weight >= 0 and weight <= 1),
    changed_by text         not null,
    changed_at timestamptz  not null,
    primary key (namespace, code_value)
);

-- Ed-Fi's own attendance event categories (uri://ed-fi.org/AttendanceEventCategoryDescriptor, Data Standard 5) with
-- the meaning Ed-Fi gives them; a district edits them or lists its own namespace's.
insert into edfi_attendance_category (namespace, code_value, absence, weight, changed_by, changed_at) values
    ('uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'In Attendance', false, 0, 'migration', now()),
    ('uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Excused Absence', true, 1, 'migration', now()),
    ('uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Unexcused Absence', true, 1, 'migration', now()),
    ('uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Tardy', false, 0, 'migration', now()),
    ('uri://ed-fi.org/AttendanceEventCategoryDescriptor', 'Early departure', false, 0, 'migration', now());
