-- Transactional outbox: one row per event, written in the same transaction as the state change.
-- Shaped like the exported event (Debezium outbox pattern); the relay publishes rows in seq order.
create sequence outbox_event_seq increment by 50;

create table outbox_event (
    seq            bigint       primary key,
    id             uuid         not null unique,          -- CloudEvents id
    aggregate_type varchar(100) not null,
    aggregate_id   varchar(100) not null,
    type           varchar(200) not null,                 -- CloudEvents type, e.g. portfolio.contracts.SchoolRegistered.v1
    subject        varchar(200),                          -- CloudEvents subject: the school id
    topic          varchar(200) not null,
    message_key    varchar(200) not null,                 -- Kafka record key (order per school)
    occurred_at    timestamptz  not null,
    payload        jsonb        not null,                 -- CloudEvents data
    traceparent    varchar(64),
    sent_at        timestamptz,
    attempts       integer      not null default 0,
    last_error     varchar(1000)
);
create index outbox_event_unsent on outbox_event (seq) where sent_at is null;
create index outbox_event_sent_at on outbox_event (sent_at) where sent_at is not null;

-- Idempotent consumers: (consumer, event id) recorded in the same transaction as the event's effect.
create table processed_event (
    consumer     varchar(150) not null,
    event_id     varchar(200) not null,
    event_type   varchar(200) not null,
    processed_at timestamptz  not null default now(),
    primary key (consumer, event_id)
);
create index processed_event_processed_at on processed_event (processed_at);
