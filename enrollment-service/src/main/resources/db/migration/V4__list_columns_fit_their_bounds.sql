-- The bounds of a request must fit the columns, else a valid request ends in an error of the database (review of
-- 2026-12-05): ten distinct flags of 40 characters join to 409 characters, twenty zones of 60 to 1,219.
alter table applicant alter column flags type varchar(1000);
alter table program alter column eligible_zones type varchar(1300);
