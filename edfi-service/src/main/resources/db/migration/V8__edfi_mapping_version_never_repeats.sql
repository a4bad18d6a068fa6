-- Review of the mappings cache, M1: a version number must never come back with other mappings. With version + 1 it did
-- after the database went back in time under running instances (failover to a standby that missed the last commits, a
-- point-in-time restore, a refreshed staging copy): later changes counted up to a number an instance had cached with the
-- old mappings, and it kept using them. Each change now takes a version above both the last one and the clock in
-- microseconds: after any rewind the clock has moved on, so the next change gets a number no instance has cached.
create or replace function edfi_mapping_changed() returns trigger language plpgsql as $$
begin
    update edfi_mapping_version
       set version = greatest(version + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint);
    return null;
end
$$;
update edfi_mapping_version set version = greatest(version + 1, (extract(epoch from clock_timestamp()) * 1000000)::bigint);
