-- The decisions each autonomy domain covers: "loose" for a school while its grant on the domain is active,
-- "tight" (the district's) otherwise.
create table decision (
    code        varchar(60)  primary key,
    domain      varchar(20)  not null,
    name        varchar(200) not null,
    description varchar(1000),
    version     bigint       not null default 0,
    created_at  timestamptz  not null default now()
);

insert into decision (code, domain, name, description) values
 ('HIRE_TEACHERS',           'PEOPLE',  'Hire teachers',                 'Select and hire teachers without central placement or seniority-based assignment'),
 ('DISMISS_STAFF',           'PEOPLE',  'Dismiss staff',                 'Dismiss staff through an effectiveness-based process'),
 ('SET_STAFFING_MODEL',      'PEOPLE',  'Set the staffing model',        'Decide positions, roles and the mix of staff'),
 ('SET_SCHOOL_CALENDAR',     'TIME',    'Set the school calendar',       'Choose the first and last day and the school year calendar'),
 ('SET_BELL_SCHEDULE',       'TIME',    'Set the bell schedule',         'Set the daily schedule, periods and start and end times'),
 ('EXTEND_SCHOOL_DAY',       'TIME',    'Extend the school day',         'Add learning time and teacher collaboration time'),
 ('ALLOCATE_BUDGET',         'MONEY',   'Allocate the budget',           'Allocate the school budget across salaries, operations and programs'),
 ('CHOOSE_VENDORS',          'MONEY',   'Choose vendors',                'Purchase services and materials outside central contracts'),
 ('CHOOSE_CURRICULUM',       'PROGRAM', 'Choose curriculum',             'Select curriculum and instructional materials'),
 ('CHOOSE_ASSESSMENTS',      'PROGRAM', 'Choose interim assessments',    'Select interim and formative assessments beyond state tests'),
 ('PLAN_PROFESSIONAL_DEVELOPMENT', 'PROGRAM', 'Plan professional development', 'Design and buy professional development for staff');
