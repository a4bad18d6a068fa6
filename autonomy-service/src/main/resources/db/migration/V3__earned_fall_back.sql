-- Earned autonomy falls back (issue 15, point 5): an ACTIVE EARNED grant returns to PENDING after this many
-- consecutive rated school years below its minimum tier. Contracts that did not say keep the default: the same
-- number of years as the earning rule.
alter table autonomy_grant add column eligibility_fall_back_after_years integer;

update autonomy_grant
   set eligibility_fall_back_after_years = coalesce(eligibility_consecutive_years, 1)
 where model = 'EARNED';
