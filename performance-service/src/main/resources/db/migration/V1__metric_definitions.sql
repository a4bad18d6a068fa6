-- Metric definitions every framework version draws from. The default set covers the three NACSA
-- categories (academic, financial, organizational) plus family demand.
create table metric_definition (
    code        varchar(60)  primary key,
    name        varchar(200) not null,
    category    varchar(20)  not null,
    direction   varchar(20)  not null,
    unit        varchar(20)  not null,
    description varchar(1000),
    version     bigint       not null default 0,
    created_at  timestamptz  not null default now()
);

insert into metric_definition (code, name, category, direction, unit, description) values
 ('ELA_PROFICIENCY',          'ELA proficiency',                     'ACADEMIC',       'HIGHER_IS_BETTER', 'PERCENT', 'Share of tested students scoring proficient or above on the state ELA assessment'),
 ('MATH_PROFICIENCY',         'Math proficiency',                    'ACADEMIC',       'HIGHER_IS_BETTER', 'PERCENT', 'Share of tested students scoring proficient or above on the state math assessment'),
 ('MEDIAN_GROWTH_PERCENTILE', 'Median growth percentile',            'ACADEMIC',       'HIGHER_IS_BETTER', 'PERCENTILE', 'Median of student growth percentiles across ELA and math'),
 ('GRADUATION_RATE',          'Four-year graduation rate',           'ACADEMIC',       'HIGHER_IS_BETTER', 'PERCENT', 'Adjusted cohort four-year graduation rate'),
 ('CHRONIC_ABSENTEEISM',      'Chronic absenteeism',                 'ORGANIZATIONAL', 'LOWER_IS_BETTER',  'PERCENT', 'Share of enrolled students absent 10% or more of enrolled days'),
 ('TEACHER_VACANCIES',        'Teacher vacancies at start of year',  'ORGANIZATIONAL', 'LOWER_IS_BETTER',  'COUNT',   'Unfilled teaching positions on the first day of school'),
 ('DAYS_CASH_ON_HAND',        'Days cash on hand',                   'FINANCIAL',      'HIGHER_IS_BETTER', 'DAYS',    'Unrestricted cash divided by average daily operating expense'),
 ('ENROLLMENT_VS_PROJECTION', 'Enrollment vs projection',            'FINANCIAL',      'HIGHER_IS_BETTER', 'RATIO',   'Actual October enrollment divided by budgeted projection'),
 ('FAMILY_DEMAND',            'Family demand',                       'ORGANIZATIONAL', 'HIGHER_IS_BETTER', 'RATIO',   'First-choice applicants per available seat in the unified enrollment match');
