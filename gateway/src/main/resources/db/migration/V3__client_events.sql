-- Every committed change of a client is published (ClientChanged on gateway.clients, through the outbox, in the
-- same transaction). published_version is the version last written to the outbox: a client whose version differs
-- (every client that existed before the gateway published, or one changed by an older gateway during an upgrade)
-- is published at start and by a periodic pass.
alter table api_client add column published_version bigint;
