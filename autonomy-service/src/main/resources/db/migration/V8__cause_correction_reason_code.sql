-- Issue 15 (free text typed by people must not be published): a correction of student records is published with a
-- reason code only (its author's note stays in performance-service's audit). The grants and the grant history that
-- copied a correction's free-text reason from BenchmarkEvaluated: the reason is replaced by the code OTHER (the code
-- performance-service gave those corrections in its own V7), in the column and in the sentences that quote it,
-- "(correction <id>: <reason>)". First exactly, with the reason the row kept; then anything left (a sentence cut at
-- its length limit) is cut from the quote on.
update autonomy_grant set cause_description = replace(cause_description,
        '(correction ' || cause_correction_id || ': ' || cause_correction_reason || ')',
        '(correction ' || cause_correction_id || ': OTHER)')
    where cause_correction_id is not null and cause_correction_reason is not null;
update grant_history set cause_description = replace(cause_description,
        '(correction ' || cause_correction_id || ': ' || cause_correction_reason || ')',
        '(correction ' || cause_correction_id || ': OTHER)')
    where cause_correction_id is not null and cause_correction_reason is not null;
update autonomy_grant set cause_description = regexp_replace(cause_description,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where cause_description ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';
update grant_history set cause_description = regexp_replace(cause_description,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where cause_description ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';

alter table autonomy_grant add column cause_correction_reason_code varchar(30);
update autonomy_grant set cause_correction_reason_code = 'OTHER' where cause_correction_id is not null;
alter table autonomy_grant drop column cause_correction_reason;
alter table grant_history add column cause_correction_reason_code varchar(30);
update grant_history set cause_correction_reason_code = 'OTHER' where cause_correction_id is not null;
alter table grant_history drop column cause_correction_reason;
