-- Issue 15 (free text typed by people must not be published): a correction of student records is published with a
-- reason code, an integrity flag's resolution with a resolution code; the free text stays in performance-service.
-- The feed keeps a copy of every event published before (400 days), which GET /api/events serves and a webhook
-- replay or redelivery sends again (a delivery's body is made from this row when it is sent; no other table holds
-- event data). Those copies get the code here, as performance-service V7, contracts-service V8 and autonomy-service
-- V8 did with theirs; consumer.PublishedCodes does the same to an old event that arrives late.
--
--   * a correction (MetricResultRecorded and BenchmarkEvaluated `correction`, AutonomyRevoked/Reinstated
--     `cause.correction`): `reasonCode` kept when it is one of the closed list, anything else (absent before issue
--     15) is OTHER, the code performance-service gave those corrections; the deprecated `reason` becomes the code;
--   * IntegrityFlagResolved: `resolutionCode` likewise (absent before: OTHER), the deprecated `note` becomes it;
--   * the sentences that quote a correction, "(correction <id>: <reason>)" (AutonomyRevoked/Reinstated
--     `cause.description`, InterventionEscalated `reason`): first exactly, with the reason the feed still holds;
--     then anything left is cut from the quote on.
--
-- Only rows of those types whose JSON needs it are updated (an event published since issue 15 already has the codes:
-- no row matches). A rewritten row is the same JSON with its keys in jsonb's order; every other row stays byte for
-- byte. A row whose text holds the escape \u0000 (which jsonb refuses) is left as it is.

-- 1. The quotes, exactly: autonomy's descriptions with the reason of the event's own cause.correction ...
update feed_event set data = jsonb_set(data::jsonb, '{cause,description}', to_jsonb(replace(
        data::jsonb #>> '{cause,description}',
        '(correction ' || (data::jsonb #>> '{cause,correction,correctionId}') || ': '
            || (data::jsonb #>> '{cause,correction,reason}') || ')',
        '(correction ' || (data::jsonb #>> '{cause,correction,correctionId}') || ': OTHER)')))::text
    where type in ('portfolio.autonomy.AutonomyRevoked.v1', 'portfolio.autonomy.AutonomyReinstated.v1')
      and strpos(data, '(correction ') > 0 and strpos(data, '\u0000') = 0
      and jsonb_typeof(data::jsonb #> '{cause,description}') = 'string'
      and jsonb_typeof(data::jsonb #> '{cause,correction,correctionId}') = 'string'
      and jsonb_typeof(data::jsonb #> '{cause,correction,reason}') = 'string'
      and not (data::jsonb #>> '{cause,correction,reason}') = any (array['DATA_ENTRY_ERROR', 'SCORING_ERROR',
          'LATE_SUBMISSION', 'SIS_MIGRATION', 'DUPLICATE_RECORD', 'SOURCE_RECORD_CHANGED', 'WITHDRAWAL_RECORDED', 'OTHER'])
      and strpos(data::jsonb #>> '{cause,description}', '(correction ' || (data::jsonb #>> '{cause,correction,correctionId}')
          || ': ' || (data::jsonb #>> '{cause,correction,reason}') || ')') > 0;

-- ... and InterventionEscalated's reason (contracts' evaluation description, then the rule), with the reason of the
-- correction it quotes as the feed's MetricResultRecorded/BenchmarkEvaluated of that correction still carry it
with old_reason as (
    select distinct on (c ->> 'correctionId') c ->> 'correctionId' as correction_id, c ->> 'reason' as reason
    from (select data::jsonb -> 'correction' as c from feed_event
          where type in ('portfolio.performance.MetricResultRecorded.v1', 'portfolio.contracts.BenchmarkEvaluated.v1')
            and strpos(data, '"correction"') > 0 and strpos(data, '\u0000') = 0) s
    where jsonb_typeof(c -> 'correctionId') = 'string' and jsonb_typeof(c -> 'reason') = 'string'
      and not (c ->> 'reason') = any (array['DATA_ENTRY_ERROR', 'SCORING_ERROR', 'LATE_SUBMISSION', 'SIS_MIGRATION',
          'DUPLICATE_RECORD', 'SOURCE_RECORD_CHANGED', 'WITHDRAWAL_RECORDED', 'OTHER'])
    order by c ->> 'correctionId'
), quoting as (
    select seq, data::jsonb #>> '{reason}' as reason,
           substring(data::jsonb #>> '{reason}' from '\(correction ([0-9a-fA-F-]{36}): ') as correction_id
    from feed_event
    where type = 'portfolio.contracts.InterventionEscalated.v1'
      and strpos(data, '(correction ') > 0 and strpos(data, '\u0000') = 0
      and jsonb_typeof(data::jsonb -> 'reason') = 'string'
)
update feed_event f set data = jsonb_set(f.data::jsonb, '{reason}', to_jsonb(replace(q.reason,
        '(correction ' || o.correction_id || ': ' || o.reason || ')', '(correction ' || o.correction_id || ': OTHER)')))::text
    from quoting q join old_reason o on o.correction_id = q.correction_id
    where f.seq = q.seq and strpos(q.reason, '(correction ' || o.correction_id || ': ' || o.reason || ')') > 0;

-- 2. Whatever quote is left (a reason the feed no longer holds, a text cut at a length limit): cut from the quote on.
update feed_event set data = jsonb_set(data::jsonb, '{cause,description}', to_jsonb(regexp_replace(
        data::jsonb #>> '{cause,description}',
        '\(correction ([0-9a-fA-F-]{36}): (?!(?:DATA_ENTRY_ERROR|SCORING_ERROR|LATE_SUBMISSION|SIS_MIGRATION|DUPLICATE_RECORD|SOURCE_RECORD_CHANGED|WITHDRAWAL_RECORDED|OTHER)\)).*$',
        '(correction \1: OTHER)')))::text
    where type in ('portfolio.autonomy.AutonomyRevoked.v1', 'portfolio.autonomy.AutonomyReinstated.v1')
      and strpos(data, '(correction ') > 0 and strpos(data, '\u0000') = 0
      and jsonb_typeof(data::jsonb #> '{cause,description}') = 'string'
      and (data::jsonb #>> '{cause,description}') ~ '\(correction [0-9a-fA-F-]{36}: (?!(?:DATA_ENTRY_ERROR|SCORING_ERROR|LATE_SUBMISSION|SIS_MIGRATION|DUPLICATE_RECORD|SOURCE_RECORD_CHANGED|WITHDRAWAL_RECORDED|OTHER)\))';
update feed_event set data = jsonb_set(data::jsonb, '{reason}', to_jsonb(regexp_replace(
        data::jsonb #>> '{reason}',
        '\(correction ([0-9a-fA-F-]{36}): (?!(?:DATA_ENTRY_ERROR|SCORING_ERROR|LATE_SUBMISSION|SIS_MIGRATION|DUPLICATE_RECORD|SOURCE_RECORD_CHANGED|WITHDRAWAL_RECORDED|OTHER)\)).*$',
        '(correction \1: OTHER)')))::text
    where type = 'portfolio.contracts.InterventionEscalated.v1'
      and strpos(data, '(correction ') > 0 and strpos(data, '\u0000') = 0
      and jsonb_typeof(data::jsonb -> 'reason') = 'string'
      and (data::jsonb #>> '{reason}') ~ '\(correction [0-9a-fA-F-]{36}: (?!(?:DATA_ENTRY_ERROR|SCORING_ERROR|LATE_SUBMISSION|SIS_MIGRATION|DUPLICATE_RECORD|SOURCE_RECORD_CHANGED|WITHDRAWAL_RECORDED|OTHER)\))';

-- 3. The corrections: reasonCode from the closed list or OTHER, reason = that code.
with c as (
    select seq, path, data::jsonb as d, data::jsonb #> path as corr,
           case when (data::jsonb #>> (path || '{reasonCode}'::text[])) = any (array['DATA_ENTRY_ERROR', 'SCORING_ERROR',
                    'LATE_SUBMISSION', 'SIS_MIGRATION', 'DUPLICATE_RECORD', 'SOURCE_RECORD_CHANGED',
                    'WITHDRAWAL_RECORDED', 'OTHER'])
                     and jsonb_typeof(data::jsonb #> (path || '{reasonCode}'::text[])) = 'string'
                then data::jsonb #>> (path || '{reasonCode}'::text[]) else 'OTHER' end as code
    from (select seq, data, case when type in ('portfolio.autonomy.AutonomyRevoked.v1',
                                                'portfolio.autonomy.AutonomyReinstated.v1')
                                 then '{cause,correction}'::text[] else '{correction}'::text[] end as path
          from feed_event
          where type in ('portfolio.performance.MetricResultRecorded.v1', 'portfolio.contracts.BenchmarkEvaluated.v1',
                         'portfolio.autonomy.AutonomyRevoked.v1', 'portfolio.autonomy.AutonomyReinstated.v1')
            and strpos(data, '"correction"') > 0 and strpos(data, '\u0000') = 0) s
)
update feed_event f set data = jsonb_set(c.d, c.path,
        c.corr || jsonb_build_object('reasonCode', c.code, 'reason', c.code))::text
    from c
    where f.seq = c.seq and jsonb_typeof(c.corr) = 'object'
      and ((c.corr -> 'reasonCode') is distinct from to_jsonb(c.code) or (c.corr -> 'reason') is distinct from to_jsonb(c.code));

-- 4. Integrity flag resolutions: resolutionCode from the closed list or OTHER, note = that code.
with r as (
    select seq, data::jsonb as d,
           case when (data::jsonb ->> 'resolutionCode') = any (array['EXPLAINED', 'DATA_CORRECTED', 'NO_ISSUE_FOUND',
                    'REFERRED_FOR_REVIEW', 'OTHER']) and jsonb_typeof(data::jsonb -> 'resolutionCode') = 'string'
                then data::jsonb ->> 'resolutionCode' else 'OTHER' end as code
    from feed_event
    where type = 'portfolio.performance.IntegrityFlagResolved.v1' and strpos(data, '\u0000') = 0
)
update feed_event f set data = (r.d || jsonb_build_object('resolutionCode', r.code, 'note', r.code))::text
    from r
    where f.seq = r.seq
      and ((r.d -> 'resolutionCode') is distinct from to_jsonb(r.code) or (r.d -> 'note') is distinct from to_jsonb(r.code));
