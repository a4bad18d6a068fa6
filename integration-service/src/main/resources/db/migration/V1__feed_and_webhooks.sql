-- The change feed: every event an integrator may hear, in one order. seq is assigned on insert under a
-- transaction-level advisory lock (FeedRepository), so seq order is commit order: a reader that has seen seq N has
-- seen every row below N, and a cursor never skips a row that commits later.
create table feed_event (
    seq          bigserial    primary key,
    event_id     varchar(200) not null unique,          -- the original CloudEvents id
    type         varchar(200) not null,
    source       varchar(100) not null,
    subject      varchar(200),
    occurred_at  timestamptz  not null,                 -- the original CloudEvents time
    stored_at    timestamptz  not null default now(),
    data         text         not null,                 -- the original data (JSON), as published
    audience     varchar(30)  not null,                 -- who may read it (domain.Audience)
    school_ids   uuid[]       not null default '{}',    -- the schools it is about
    owner_client varchar(200)                           -- SUBSCRIPTION audience: the subscription's owner
);
create index feed_event_stored_at on feed_event (stored_at);
create index feed_event_type_seq on feed_event (type, seq);

create table webhook_subscription (
    id                         uuid          primary key,
    owner_client               varchar(200)  not null,
    owner_roles                varchar(200)  not null,   -- the owner's roles at registration (comma-separated)
    owner_schools              text          not null,   -- and its schools (used while the client directory does not know it)
    url                        varchar(2000) not null,
    description                varchar(200),
    event_types                text          not null,   -- comma-separated CloudEvents types
    school_ids                 text          not null,   -- comma-separated; empty: every school
    status                     varchar(20)   not null,   -- ACTIVE, PAUSED, DISABLED
    status_reason              varchar(300),
    secret                     varchar(100)  not null,   -- whsec_…: needed in clear to sign (see docs/security.md)
    previous_secret            varchar(100),
    previous_secret_expires_at timestamptz,
    created_at                 timestamptz   not null,
    updated_at                 timestamptz   not null,
    version                    bigint        not null default 0
);
create index webhook_subscription_owner on webhook_subscription (owner_client);

-- One row per event and subscription (and per redelivery). A lane is (subscription_id, order_key): the events of one
-- school for one subscription. Only a lane's oldest undelivered row is PENDING or IN_FLIGHT; the others wait QUEUED
-- and are promoted in seq order when it is done.
create table webhook_delivery (
    id              uuid         primary key,
    seq             bigserial    not null unique,
    subscription_id uuid         not null references webhook_subscription (id) on delete cascade,
    feed_seq        bigint       not null references feed_event (seq) on delete cascade,
    event_id        varchar(200) not null,
    order_key       varchar(200) not null,
    trigger         varchar(20)  not null,               -- EVENT, REDELIVERY, REPLAY
    state           varchar(20)  not null,               -- QUEUED, PENDING, IN_FLIGHT, DELIVERED, SKIPPED
    attempts        integer      not null default 0,
    created_at      timestamptz  not null,
    horizon_start   timestamptz  not null,               -- failing since (reset on resume)
    next_attempt_at timestamptz  not null,
    lease_until     timestamptz,
    last_attempt_at timestamptz,
    delivered_at    timestamptz,
    last_status     integer,
    last_error      varchar(40)
);
create index webhook_delivery_due on webhook_delivery (next_attempt_at) where state = 'PENDING';
create index webhook_delivery_in_flight on webhook_delivery (subscription_id) where state = 'IN_FLIGHT';
create index webhook_delivery_lane on webhook_delivery (subscription_id, order_key, seq)
    where state in ('QUEUED', 'PENDING', 'IN_FLIGHT');
create index webhook_delivery_log on webhook_delivery (subscription_id, seq);
create index webhook_delivery_done on webhook_delivery (delivered_at) where state in ('DELIVERED', 'SKIPPED');

-- The delivery log: one row per attempt. Never the response body: a short, sanitised snippet at most.
create table webhook_attempt (
    id              bigserial   primary key,
    delivery_id     uuid        not null references webhook_delivery (id) on delete cascade,
    attempt         integer     not null,
    attempted_at    timestamptz not null,
    status_code     integer,
    latency_ms      integer     not null,
    error_class     varchar(40),
    snippet         varchar(200)
);
create index webhook_attempt_delivery on webhook_attempt (delivery_id, attempt);
