-- The scorecard names an EARNED grant's fall back in words (issue 15, point 5): autonomy-service announces it as
-- AutonomyRevoked with cause.kind RATING_FELL, the ratings (ratingIds) and a sentence (description). Kept here so the
-- scorecard shows the grant as PENDING (not REVOKED) with the ratings as the cause. Rows written before have neither.
alter table autonomy_grant_state add column cause_description varchar(1000);
alter table autonomy_grant_state add column cause_rating_ids varchar(1000);
-- A fall back announced before this version was stored as REVOKED: it is PENDING (the district decides until the
-- ratings earn it again), as the handler now stores it. (Found by review: without this the scorecard kept those rows
-- as "revoked … until it is reinstated".)
update autonomy_grant_state set status = 'PENDING' where status = 'REVOKED' and cause_kind = 'RATING_FELL';
