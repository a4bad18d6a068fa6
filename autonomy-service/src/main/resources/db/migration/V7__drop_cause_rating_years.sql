-- Issue 15, second review: a fall back noted while a grant is revoked is now undone at correction time (history entry
-- FALL_BACK_UNDONE, the test a PENDING grant that fell back is restored by), not guessed at the MET from the school
-- years of the noted ratings. Nothing reads those years any more (V6): dropped.
alter table autonomy_grant drop column cause_rating_years;
alter table grant_history drop column cause_rating_years;
