-- A miss on a suppressed value named its n ("the value was suppressed (n = 6 is below the framework's minimum)") in
-- the cause's reason and description, which the public decision-rights check shows, while public figures never show a
-- suppressed value's n (review of 2026-12-05, seventh pass). The stored causes say it as new ones do.
update autonomy_grant set
    cause_reason = regexp_replace(cause_reason, '\(n = [0-9]+ is below the framework''s minimum\)',
                                  '(fewer students than the framework''s minimum n)', 'g'),
    cause_description = regexp_replace(cause_description, '\(n = [0-9]+ is below the framework''s minimum\)',
                                       '(fewer students than the framework''s minimum n)', 'g')
 where cause_reason like '%(n = %' or cause_description like '%(n = %';
update grant_history set
    cause_reason = regexp_replace(cause_reason, '\(n = [0-9]+ is below the framework''s minimum\)',
                                  '(fewer students than the framework''s minimum n)', 'g'),
    cause_description = regexp_replace(cause_description, '\(n = [0-9]+ is below the framework''s minimum\)',
                                       '(fewer students than the framework''s minimum n)', 'g')
 where cause_reason like '%(n = %' or cause_description like '%(n = %';
