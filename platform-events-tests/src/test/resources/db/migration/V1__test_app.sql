create table note (
    id      uuid primary key,
    text    varchar(200) not null,
    version bigint not null default 0
);
create table received_thing (
    id       bigserial primary key,
    event_id varchar(200) not null,
    value    varchar(200) not null
);
