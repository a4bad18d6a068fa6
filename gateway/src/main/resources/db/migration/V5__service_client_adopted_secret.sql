-- Review of edfi5, L4: a service client's configured secret is adopted at most once. The gateway remembers (salted
-- SHA-256, as the secret itself) the configured secret it last created the client with or adopted; a start asked to
-- adopt replaces the stored secret only with a configured secret it has not adopted last — so an administrator's
-- rotation through the API sticks even while the adopt setting stays on. Null for clients of older versions: the next
-- start asked to adopt behaves as before (adopts a configured secret that differs from the stored one) and remembers it.
alter table api_client add column adopted_secret_salt varchar(64);
alter table api_client add column adopted_secret_hash varchar(128);
