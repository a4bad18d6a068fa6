-- Issue 17: each edfi-service instance keeps the district's mappings (school map, attendance categories, descriptor
-- mappings) in memory and reloads them only when this version moved. Every change of a mapping table bumps it in the
-- same transaction (statement triggers: no writer, present or future, can forget it); a write reads it after taking the
-- shared mapping lock (docs/edfi.md, "The mappings cache").
create table edfi_mapping_version (
    one     boolean primary key default true check (one),
    version bigint  not null
);
insert into edfi_mapping_version (one, version) values (true, 1);

create function edfi_mapping_changed() returns trigger language plpgsql as $$
begin
    update edfi_mapping_version set version = version + 1;
    return null;
end
$$;

create trigger edfi_school_map_version after insert or update or delete or truncate on edfi_school_map
    for each statement execute function edfi_mapping_changed();
create trigger edfi_attendance_category_version after insert or update or delete or truncate on edfi_attendance_category
    for each statement execute function edfi_mapping_changed();
create trigger edfi_descriptor_map_version after insert or update or delete or truncate on edfi_descriptor_map
    for each statement execute function edfi_mapping_changed();
