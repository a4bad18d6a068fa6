-- Client lifecycle: enable/disable, secret rotation and role changes revoke the tokens issued before them
-- (each token carries the client's token_generation; a revocation increments it), who changed what, and when
-- the client last obtained a token.
alter table api_client add column token_generation integer not null default 0;
alter table api_client add column disabled_at timestamptz;
alter table api_client add column updated_at timestamptz;
alter table api_client add column created_by varchar(200);
alter table api_client add column updated_by varchar(200);
alter table api_client add column last_token_at timestamptz;
update api_client set updated_at = coalesce(rotated_at, created_at);
create index api_client_name on api_client (name);
