-- CrowdHandler's rows: which transaction applied each event (txid_current), to see what shared one.
create table crowd_visit (
    id       bigserial primary key,
    event_id varchar(200) not null,
    school   varchar(200) not null,
    value    varchar(200) not null,
    tx       bigint not null default txid_current()
);
