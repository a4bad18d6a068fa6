-- TwoOwnersHandler's rows: the events of two services' topics, by source and id.
create table received_pair (
    id       bigserial primary key,
    source   varchar(100) not null,
    event_id varchar(200) not null,
    value    varchar(200) not null
);
