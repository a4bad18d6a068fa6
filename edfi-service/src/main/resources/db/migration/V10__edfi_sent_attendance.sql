-- The attendance record last sent to performance-service per Ed-Fi student-year (its natural key there: school, school
-- year, student): what to retract when the record's suite school changes (an Ed-Fi school mapped again to another
-- school) or nothing derives it any more (its last enrolled day gone). Before, attendance had no such record, and a
-- school mapped X → A then corrected to X → B left every student's record at A for good (hostile review of the
-- twenty-seventh pass, Q5). Records sent before this migration are not in it (see docs/edfi.md).
create table edfi_sent_attendance (
    source_key  text        primary key,
    school_id   uuid        not null,
    school_year text        not null,
    student_id  text        not null,
    sent_at     timestamptz not null
);
