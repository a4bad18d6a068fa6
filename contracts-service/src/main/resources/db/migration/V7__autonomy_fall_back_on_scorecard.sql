-- The scorecard names an EARNED grant's fall back in words (issue 15, point 5): autonomy-service announces it as
-- AutonomyRevoked with cause.kind RATING_FELL, the ratings (ratingIds) and a sentence (description). Kept here so the
-- scorecard shows the grant as PENDING (not REVOKED) with the ratings as the cause. Rows written before have neither.
alter table autonomy_grant_state add column cause_description varchar(1000);
alter table autonomy_grant_state add column cause_rating_ids varchar(1000);
