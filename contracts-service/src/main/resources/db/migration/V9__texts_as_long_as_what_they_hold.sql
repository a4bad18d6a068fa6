-- Texts as long as what the API lets into them (third pass of 2026-12-05): a school closed with a reason of 2,000
-- characters (the API's limit) ended its contract with "School closed: " + that reason, which did not fit end_reason
-- nor the history's reason: 500, the decision rolled back. And a provision's decisions (50 codes of up to 60
-- characters, allowed) were stored comma-joined in 2,000 characters: 500.
alter table contract alter column end_reason type text;
alter table contract alter column scheduled_end_reason type text;
alter table history_entry alter column reason type text;
alter table contract_provision alter column decisions type text;
