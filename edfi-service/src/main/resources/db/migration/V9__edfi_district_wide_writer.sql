-- docs/security.md T27 (hostile review of 2026-12-05, H2): a district administrator's studentAssessment without a
-- reportedSchoolReference is placed, at each derivation, at the school of the student's only enrollment covering its date
-- — and any SIS's enrollment counted, so an SIS scoped to school B that posted a bogus enrollment at B received the
-- result as B's record, or made the placement ambiguous and so retracted the real school's record. Now only enrollments
-- whose content a district-wide writer (a DISTRICT_ADMIN, or a client whose scope is every school) vouches for place a
-- school-less result: each resource records whether its last change was such a writer's (an SIS's change of an
-- administrator's enrollment takes it out of the placement: it could have moved its dates; an administrator's
-- re-post, unchanged or not, puts it back). Only a studentSchoolAssociation's flag is read.
--
-- Rows stored before: false. Who wrote them is not known here (changed_by is a client id; its roles are the gateway's,
-- and may have changed since), and true would keep every bogus enrollment already stored placing results — the gap this
-- closes. So until an administrator posts its enrollments again (an unchanged re-post is enough), no stored enrollment
-- places a school-less result: such a result derives no record (a result with a reported school, and every SIS's own
-- result, whose school was fixed at its write, are not concerned). Fail-closed, and docs/edfi.md says how to restore it.
alter table edfi_resource add column district_wide_writer boolean not null default false;

-- Records placed under the old rule must follow the new one at once, not at the next write that touches them: every
-- school-less result's record at each school the student has an enrollment at (the only schools the old rule could place
-- it at) is queued; the deriver sends it there again or retracts it. The key is the text RecordKeys writes
-- ([namespace, assessmentIdentifier, studentUniqueId, schoolYear, edfiSchoolId], JSON without spaces).
insert into edfi_derivation_pending (kind, record_key, client_id, edfi_school_id)
select distinct 'ASSESSMENT',
       '[' || to_json(r.body -> 'assessmentReference' ->> 'namespace')::text
           || ',' || to_json(r.body -> 'assessmentReference' ->> 'assessmentIdentifier')::text
           || ',' || to_json(r.student_unique_id)::text
           || ',' || r.school_year || ',' || e.school_id || ']',
       'migration V9', e.school_id
from edfi_resource r
join edfi_resource e on e.resource = 'studentSchoolAssociations' and e.student_unique_id = r.student_unique_id
                    and e.school_id is not null
where r.resource = 'studentAssessments' and r.school_id is null and r.school_year is not null
  and r.student_unique_id is not null;
