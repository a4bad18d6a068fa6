-- MatchPublished carries the lottery seed and every program's cutoff: it is the enrollment round itself, which
-- docs/security.md gives to DISTRICT_ADMIN and ENROLLMENT_OFFICER only (audience ENROLLMENT_ROUND), not the counts.
update feed_event set audience = 'ENROLLMENT_ROUND' where type = 'portfolio.enrollment.MatchPublished.v1';

-- The highest seq the retention purge deleted: a cursor below it may have skipped purged events (410 cursor-expired).
create table feed_purge_mark (
    id             integer primary key check (id = 1),
    purged_through bigint  not null
);
insert into feed_purge_mark (id, purged_through) values (1, 0);
