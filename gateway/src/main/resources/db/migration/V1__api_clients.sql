-- API clients of the OAuth2 client-credentials flow. The secret is stored only as a salted SHA-256 hash:
-- secrets are 256-bit random values, so a slow password hash adds nothing but latency.
create table api_client (
    client_id    varchar(64)  primary key,
    name         varchar(200) not null,
    secret_salt  varchar(64)  not null,
    secret_hash  varchar(128) not null,
    roles        varchar(200) not null,
    schools      text         not null default '',
    enabled      boolean      not null default true,
    version      bigint       not null default 0,
    created_at   timestamptz  not null,
    rotated_at   timestamptz
);
