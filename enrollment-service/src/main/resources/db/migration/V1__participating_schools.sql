-- enrollment's own copy of the school registry, learned from contracts.events (never read from contracts' tables)
create table participating_school (
    school_id        uuid         primary key,
    district_code    varchar(40)  not null,
    name             varchar(200) not null,
    type             varchar(20)  not null,
    grades           varchar(60)  not null,
    zone             varchar(60),
    status           varchar(20)  not null,
    under_revocation boolean      not null default false,
    updated_at       timestamptz  not null,
    last_event_id    varchar(200) not null
);
