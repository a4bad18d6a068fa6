create table oversight_body (
    id            uuid         primary key,
    name          varchar(200) not null unique,
    kind          varchar(40)  not null,
    contact_email varchar(254),
    version       bigint       not null default 0,
    created_at    timestamptz  not null,
    updated_at    timestamptz  not null
);

create table school (
    id                uuid         primary key,
    district_code     varchar(40)  not null unique,
    nces_id           varchar(12)  unique,
    name              varchar(200) not null,
    type              varchar(20)  not null,
    grades            varchar(60)  not null,
    address           varchar(300),
    zone              varchar(60),
    oversight_body_id uuid         not null references oversight_body (id),
    status            varchar(20)  not null,
    version           bigint       not null default 0,
    created_at        timestamptz  not null,
    updated_at        timestamptz  not null
);
create index school_oversight_body on school (oversight_body_id);
