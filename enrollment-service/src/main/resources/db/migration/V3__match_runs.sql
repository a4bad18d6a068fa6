-- Every stored match of a period, discarded or not (issue 13: nobody who has seen a match may redraw it unseen).
-- results_sha256 digests the offers (applicant id → program id, in applicant id order) without naming anyone;
-- MatchPublished lists the runs, so a discarded match and a rerun are visible in the published round.
create table match_run (
    period_id      uuid        not null references enrollment_period (id),
    run            int         not null,
    matched_at     timestamptz not null,
    applicants     int         not null,
    matched        int         not null,
    results_sha256 varchar(64) not null,
    discarded_at   timestamptz,
    primary key (period_id, run)
);
