-- Earned autonomy falls back (issue 15, point 5): an EARNED provision says after how many consecutive rated school
-- years below its minimum tier the earned autonomy falls back to pending. Provisions written before did not say:
-- they get the default, the same number of years as the earning rule.
alter table contract_provision add column eligibility_fall_back_after_years integer;

update contract_provision
   set eligibility_fall_back_after_years = eligibility_consecutive_years
 where eligibility_consecutive_years is not null;
