-- Texts copied from other services' events are as long as their producers allow (third pass of 2026-12-05): a school
-- closed with a reason of more than 1,000 characters (contracts allows 2,000) was refused by status_reason, the
-- SchoolStatusChanged event went to the dead-letter topic, and the closed school kept its manual grants. And a
-- request's outcomes (20 of 1,000 characters, as JSON) did not fit 10,000 characters: 500.
alter table school alter column status_reason type text;
alter table autonomy_grant alter column cause_reason type text;
alter table autonomy_grant alter column cause_description type text;
alter table grant_history alter column cause_reason type text;
alter table grant_history alter column cause_description type text;
alter table autonomy_request alter column expected_outcomes type text;
alter table contract alter column ended_reason type text;
