-- Each school's zone as it stood when the period's window closed (eighth pass, E4). The applicants' match inputs were
-- already fixed from the close to the publication; the schools' zones were read live at each run, so an edit of the
-- registry between a discarded run and its re-run changed who had ZONE priority (and who counted for a zone
-- set-aside). A row per school with a program in the period; zone null when the school has none.
create table period_school_zone (
    period_id  uuid        not null references enrollment_period (id),
    school_id  uuid        not null,
    zone       varchar(60),
    primary key (period_id, school_id)
);

-- periods closed or matched before this migration: their zones as they stand now
insert into period_school_zone (period_id, school_id, zone)
select distinct p.period_id, p.school_id, s.zone
  from program p
  join enrollment_period e on e.id = p.period_id
  left join participating_school s on s.school_id = p.school_id
 where e.status in ('CLOSED', 'MATCHED');
