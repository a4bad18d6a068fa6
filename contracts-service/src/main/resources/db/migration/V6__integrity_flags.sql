-- Integrity flags of performance-service (issue 15.4), as its IntegrityFlagRaised / IntegrityFlagResolved events
-- announce them: shown on the scorecard of the school's contracts. They change no benchmark, intervention or grant.
create table integrity_flag (
    flag_id         uuid          primary key,
    school_id       uuid          not null,
    school_year     varchar(7)    not null,
    rule            varchar(30)   not null,
    scope           varchar(60)   not null,
    status          varchar(12)   not null,
    reason          varchar(300),
    evidence        text,
    raised_at       timestamptz,
    resolved_at     timestamptz,
    resolved_by     varchar(200),
    resolution_note varchar(2000),
    last_event_id   varchar(200)  not null
);
create index integrity_flag_school on integrity_flag (school_id, raised_at);
