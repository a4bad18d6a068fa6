-- Issue 15 (free text typed by people must not be published): a correction's "why" is a reason code from a closed
-- list, the only one published; the author's free text becomes the correction's note, kept only in this audit,
-- erased with the records of a student who has an item in the correction (note_erased_at) and by the retention
-- purge that leaves the correction without items.
alter table record_correction add column reason_code varchar(30);
-- the corrections made before: their published free-text reason becomes the note, their code OTHER
update record_correction set reason_code = 'OTHER';
alter table record_correction alter column reason_code set not null;
alter table record_correction rename column reason to note;
alter table record_correction alter column note drop not null;
alter table record_correction add column note_erased_at timestamptz;

-- corrections with an item of a student erased before this migration (the item's student_id already null, so a new
-- erasure cannot find it): their note, the former published reason, is erased now (review of issue 15)
update record_correction set note = null, note_erased_at = now()
    where id in (select correction_id from record_correction_item where erased_at is not null);

-- the purge audit counts the notes it erased
alter table record_purge add column correction_notes bigint not null default 0;

-- An integrity flag's resolution: a code from a closed list (published in IntegrityFlagResolved); the note stays
-- here. Flags resolved before: code OTHER, their note kept.
alter table integrity_flag add column resolution_code varchar(30);
update integrity_flag set resolution_code = 'OTHER' where status = 'RESOLVED';
