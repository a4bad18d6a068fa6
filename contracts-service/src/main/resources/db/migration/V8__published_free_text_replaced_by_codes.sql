-- Issue 15 (free text typed by people must not be published): a correction of student records is published with a
-- reason code, an integrity flag's resolution with a resolution code; their free text (the correction's note, the
-- resolution's note) stays in performance-service. What this service copied from events published before: replaced
-- here by the code OTHER (the code performance-service gave those corrections and resolutions in its own V7).

-- 1. The texts that quote a correction's reason, "(correction <id>: <reason>)": the history's summaries (this
-- service's evaluations, and autonomy's grant changes as heard), the grant states' summaries and descriptions. First
-- exactly, with the reason the evaluation kept; then anything left (a text cut at its length limit, a reason heard only
-- from autonomy) is cut from the quote on.
update history_entry h set summary = replace(h.summary,
        '(correction ' || q.correction_id || ': ' || q.correction_reason || ')', '(correction ' || q.correction_id || ': OTHER)')
    from (select distinct correction_id, correction_reason from benchmark_evaluation
          where correction_id is not null and correction_reason is not null) q where strpos(h.summary, '(correction ' || q.correction_id || ': ') > 0;
update autonomy_grant_state g set cause_summary = replace(g.cause_summary,
        '(correction ' || q.correction_id || ': ' || q.correction_reason || ')', '(correction ' || q.correction_id || ': OTHER)')
    from (select distinct correction_id, correction_reason from benchmark_evaluation
          where correction_id is not null and correction_reason is not null) q where strpos(g.cause_summary, '(correction ' || q.correction_id || ': ') > 0;
update autonomy_grant_state g set cause_description = replace(g.cause_description,
        '(correction ' || q.correction_id || ': ' || q.correction_reason || ')', '(correction ' || q.correction_id || ': OTHER)')
    from (select distinct correction_id, correction_reason from benchmark_evaluation
          where correction_id is not null and correction_reason is not null) q where strpos(g.cause_description, '(correction ' || q.correction_id || ': ') > 0;

update history_entry set summary = regexp_replace(summary,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where summary ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';
update autonomy_grant_state set cause_summary = regexp_replace(cause_summary,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where cause_summary ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';
update autonomy_grant_state set cause_description = regexp_replace(cause_description,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where cause_description ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';

-- 1b. The same quotes in an intervention's reason (an evaluation's description and the rule) and the history's
-- reason column, which copies it (review of issue 15: missed at first).
update intervention_change i set reason = replace(i.reason,
        '(correction ' || q.correction_id || ': ' || q.correction_reason || ')', '(correction ' || q.correction_id || ': OTHER)')
    from (select distinct correction_id, correction_reason from benchmark_evaluation
          where correction_id is not null and correction_reason is not null) q where strpos(i.reason, '(correction ' || q.correction_id || ': ') > 0;
update history_entry h set reason = replace(h.reason,
        '(correction ' || q.correction_id || ': ' || q.correction_reason || ')', '(correction ' || q.correction_id || ': OTHER)')
    from (select distinct correction_id, correction_reason from benchmark_evaluation
          where correction_id is not null and correction_reason is not null) q where strpos(h.reason, '(correction ' || q.correction_id || ': ') > 0;
update intervention_change set reason = regexp_replace(reason,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where reason ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';
update history_entry set reason = regexp_replace(reason,
        '\(correction ([0-9a-f-]{36}): (?!OTHER\)).*$', '(correction \1: OTHER)')
    where reason ~ '\(correction [0-9a-f-]{36}: (?!OTHER\))';

-- 2. The history's causes: correctionReason (free text) becomes correctionReasonCode OTHER.
update history_entry set cause = (cause - 'correctionReason') || jsonb_build_object('correctionReasonCode', 'OTHER')
    where cause ? 'correctionReason';

-- 3. The evaluations keep the code only.
alter table benchmark_evaluation add column correction_reason_code varchar(30);
update benchmark_evaluation set correction_reason_code = 'OTHER' where correction_id is not null;
alter table benchmark_evaluation drop column correction_reason;

-- 4. Integrity flags: the resolution code only; the copied notes are dropped.
alter table integrity_flag add column resolution_code varchar(30);
update integrity_flag set resolution_code = 'OTHER' where status = 'RESOLVED';
alter table integrity_flag drop column resolution_note;
