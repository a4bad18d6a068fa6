-- Review of issue 17 (docs/reviews/edfi3-queue.md), finding 1: the school a write was authorised for bounds what the
-- deriver (edfi-service's own client, every school) sends and retracts. An assessment record is now one per Ed-Fi school:
-- its key gets the Ed-Fi school the studentAssessment was written for (its owner, fixed at the write) as a fifth element,
--   kind ASSESSMENT  record_key = [namespace, assessmentIdentifier, studentUniqueId, schoolYear, edfiSchoolId]
-- and only that school's results derive it, so another school's result or enrollment never changes or retracts it. Each
-- queue row carries its record's Ed-Fi school (an SIS reads the status and problems of its own schools only).
alter table edfi_derivation_pending add column edfi_school_id bigint;

-- What was sent before, re-keyed with the Ed-Fi school mapped to the record's school (the lowest when several are).
update edfi_sent_assessment s set source_key = left(s.source_key, length(s.source_key) - 1) || ',' || m.edfi_school_id || ']'
from (select school_id, min(edfi_school_id) as edfi_school_id from edfi_school_map group by school_id) m
where m.school_id = s.school_id and jsonb_array_length(s.source_key::jsonb) = 4;

-- Queued assessment records of the old key: one row per school that has a result (or a sent record) of that key.
insert into edfi_derivation_pending (kind, record_key, client_id, queued_at, attempts, next_attempt_at, failures)
select distinct 'ASSESSMENT', left(p.record_key, length(p.record_key) - 1) || ',' || x.school || ']', p.client_id, p.queued_at,
       p.attempts, p.next_attempt_at, p.failures
from edfi_derivation_pending p
join lateral (
    select r.school_id as school from edfi_resource r
    where r.resource = 'studentAssessments' and r.school_id is not null
      and r.student_unique_id = p.record_key::jsonb ->> 2 and r.school_year = (p.record_key::jsonb ->> 3)::int
      and r.body -> 'assessmentReference' ->> 'namespace' = p.record_key::jsonb ->> 0
      and r.body -> 'assessmentReference' ->> 'assessmentIdentifier' = p.record_key::jsonb ->> 1
    union
    select (s.source_key::jsonb ->> 4)::bigint from edfi_sent_assessment s
    where left(s.source_key, length(p.record_key) - 1) = left(p.record_key, length(p.record_key) - 1)
      and substr(s.source_key, length(p.record_key), 1) = ',' and jsonb_array_length(s.source_key::jsonb) = 5
) x on true
where p.kind = 'ASSESSMENT' and jsonb_array_length(p.record_key::jsonb) = 4;
delete from edfi_derivation_pending where kind = 'ASSESSMENT' and jsonb_array_length(record_key::jsonb) = 4;

-- Problems listed under the old key, when their school is known.
update edfi_derivation_problem set record_key = left(record_key, length(record_key) - 1) || ',' || edfi_school_id || ']'
where kind = 'ASSESSMENT' and edfi_school_id is not null and jsonb_array_length(record_key::jsonb) = 4;

update edfi_derivation_pending set edfi_school_id = case when kind = 'ATTENDANCE' then (record_key::jsonb ->> 0)::bigint
    else (record_key::jsonb ->> 4)::bigint end
where edfi_school_id is null;
create index edfi_derivation_pending_school on edfi_derivation_pending (edfi_school_id);
create index edfi_derivation_problem_school on edfi_derivation_problem (edfi_school_id);
