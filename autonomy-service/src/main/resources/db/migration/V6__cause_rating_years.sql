-- Issue 15, review finding 1: the school year of each rating a cause names (comma-separated, in the order of
-- cause_rating_ids). A FELL_BACK noted while a grant is revoked needs it at the MET: whether a correction lifted a noted
-- weak year is read from the rating held now for that year (a replaced rating is no longer stored). Causes written
-- before this migration leave it null; the years are then read from the cause's description.
alter table autonomy_grant add column cause_rating_years varchar(300);
alter table grant_history add column cause_rating_years varchar(300);
