-- periods (rounds), programs, applicants and applications, the lottery draw, match results, offers and waitlists.
-- Applicant personal data lives only here (never in events or logs).

create table enrollment_period (
    id                     uuid         primary key,
    name                   varchar(200) not null,
    school_year            varchar(7)   not null,
    round                  int          not null,
    previous_period_id     uuid         references enrollment_period (id),
    status                 varchar(20)  not null,
    max_choices            int          not null,
    applications_open_at   timestamptz,
    applications_close_at  timestamptz,
    offer_deadline         timestamptz  not null,
    waitlist_response_hours int         not null,
    lottery_seed           varchar(64),
    lottery_seed_sha256    varchar(64),
    seed_recorded_at       timestamptz,
    matched_at             timestamptz,
    published_at           timestamptz,
    applicants_matched     int,
    applicants_total       int,
    version                bigint       not null,
    created_at             timestamptz  not null,
    updated_at             timestamptz  not null
);
create unique index enrollment_period_round on enrollment_period (previous_period_id) where previous_period_id is not null;

create table program (
    id                 uuid         primary key,
    period_id          uuid         not null references enrollment_period (id),
    school_id          uuid         not null,
    grade              varchar(2)   not null,
    name               varchar(200) not null,
    seats              int          not null,
    priority_order     varchar(200) not null,
    eligible_zones     varchar(400) not null default '',
    source_program_id  uuid,
    version            bigint       not null,
    created_at         timestamptz  not null,
    updated_at         timestamptz  not null
);
create index program_period on program (period_id);
create unique index program_identity on program (period_id, school_id, grade, lower(name));

create table program_set_aside (
    program_id    uuid        not null references program (id) on delete cascade,
    position      int         not null,
    group_code    varchar(40) not null,
    share_percent int         not null,
    primary key (program_id, position)
);

create table applicant (
    id                  uuid         primary key,
    external_ref        varchar(60)  not null unique,
    first_name          varchar(100) not null,
    last_name           varchar(100) not null,
    birth_date          date         not null,
    grade               varchar(2)   not null,
    home_zone           varchar(60),
    current_school_id   uuid,
    sibling_school_ids  varchar(2000) not null default '',
    staff_school_ids    varchar(2000) not null default '',
    flags               varchar(400) not null default '',
    version             bigint       not null,
    created_at          timestamptz  not null,
    updated_at          timestamptz  not null
);

create table application (
    id            uuid        primary key,
    period_id     uuid        not null references enrollment_period (id),
    applicant_id  uuid        not null references applicant (id),
    status        varchar(20) not null,
    version       bigint      not null,
    submitted_at  timestamptz not null,
    updated_at    timestamptz not null,
    unique (period_id, applicant_id)
);

create table application_choice (
    application_id uuid not null references application (id) on delete cascade,
    rank           int  not null,
    program_id     uuid not null references program (id),
    primary key (application_id, rank)
);
create index application_choice_program on application_choice (program_id);

-- Lottery numbers are not stored: each is HMAC-SHA256(recorded seed, applicant id), recomputed when shown; the
-- offers and waitlist entries carry the numbers they were decided on.
-- Match results (program_statistics, offer, waitlist_entry) are written in bulk by the match from rows
-- it has just read, and deleted with the period's results: they carry no foreign keys, whose per-row checks would
-- dominate the bulk write (hundreds of thousands of waitlist rows).

-- per program and seat block (0 = open seats, k = set-aside k): seats and the last admitted at match time
create table program_block (
    program_id      uuid        not null references program (id) on delete cascade,
    block           int         not null,
    group_code      varchar(40),
    seats           int         not null,
    filled          int         not null,
    cutoff_group    varchar(20),
    cutoff_member   boolean,
    cutoff_lottery  double precision,
    primary key (program_id, block)
);

create table program_statistics (
    program_id     uuid primary key,
    period_id      uuid not null,
    seats          int  not null,
    applicants     int  not null,
    first_choices  int  not null,
    offers         int  not null,
    participating  boolean not null
);
create index program_statistics_period on program_statistics (period_id);

create table offer (
    id            uuid        primary key,
    period_id     uuid        not null,
    applicant_id  uuid        not null,
    program_id    uuid        not null,
    choice_rank   int         not null,
    block         int         not null,
    priority_group varchar(20) not null,
    lottery       double precision not null,
    source        varchar(20) not null,
    status        varchar(20) not null,
    deadline      timestamptz not null,
    created_at    timestamptz not null,
    responded_at  timestamptz,
    version       bigint      not null
);
create index offer_period_applicant on offer (period_id, applicant_id);
create unique index offer_live on offer (period_id, applicant_id) where status in ('OFFERED', 'ACCEPTED');

create table waitlist_entry (
    program_id     uuid        not null,
    applicant_id   uuid        not null,
    period_id      uuid        not null,
    choice_rank    int         not null,
    priority_group varchar(20) not null,
    priority_tier  int         not null,
    reserve_mask   int         not null,
    lottery        double precision not null,
    lottery_rank   int         not null,
    status         varchar(20) not null,
    primary key (applicant_id, program_id)
);
create index waitlist_order on waitlist_entry (program_id, status, priority_tier, lottery_rank);

-- the intervention level of each school as contracts last announced it (InterventionEscalated), kept even for a
-- school whose registration has not arrived, so the order of arrival does not matter
create table school_intervention (
    school_id    uuid        primary key,
    level        varchar(30) not null,
    contract_id  uuid,
    updated_at   timestamptz not null,
    last_event_id varchar(200) not null
);
