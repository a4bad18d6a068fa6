-- Contracts published a miss it counted on a suppressed value (a group smaller than the framework's minimum n) with
-- the value as `actual` and its n until 2026-12-06, and this service kept them: in the grant's cause, which the public
-- decision-rights check showed ("missed (target >= 35, actual 80)"), in the history and in the evaluation (review of
-- 2026-12-06, eighth pass). A miss without a usable value keeps no value, as new ones do.
update autonomy_grant set cause_actual = null
 where cause_kind = 'BENCHMARK_MISSED' and cause_actual is not null and cause_reason like 'the value was suppressed%';
update grant_history set cause_actual = null
 where cause_kind = 'BENCHMARK_MISSED' and cause_actual is not null and cause_reason like 'the value was suppressed%';
update benchmark_evaluation e set actual = null, n = null
 where e.result = 'MISSED' and (e.actual is not null or e.n is not null)
   and exists (select 1 from grant_history h
                where h.cause_evaluation_id = e.evaluation_id and h.cause_reason like 'the value was suppressed%');
