-- MatchPublished carries the lottery seed and every program's cutoff: it is the enrollment round itself, which
-- docs/security.md gives to DISTRICT_ADMIN and ENROLLMENT_OFFICER only (audience ENROLLMENT_ROUND), not the counts.
update feed_event set audience = 'ENROLLMENT_ROUND' where type = 'portfolio.enrollment.MatchPublished.v1';
