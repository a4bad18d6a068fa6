-- Issue 18: a client's school scope no longer rides in its tokens. A scoped client (SCHOOL_LEADER, SIS) acts for the
-- schools it names, every school of the oversight bodies and zones it names, or every school of the district; its
-- tokens name the scope by reference and every service resolves it from ClientChanged (which carries the resolved
-- set). school_membership is the gateway's copy of which oversight body and zone each school belongs to, kept from
-- contracts-service's SchoolRegistered / SchoolUpdated events.
alter table api_client add column oversight_bodies text not null default '';
alter table api_client add column zones text not null default '';
alter table api_client add column all_schools boolean not null default false;
-- set when the resolved scope changed without an edit of the client (a school joined or left one of its bodies or
-- zones): the new version is published like any other change
alter table api_client add column scope_changed_at timestamptz;

create table school_membership (
    school_id         uuid primary key,
    oversight_body_id uuid,
    zone              varchar(200),
    updated_at        timestamptz not null
);
create index school_membership_body on school_membership (oversight_body_id);
create index school_membership_zone on school_membership (zone);
