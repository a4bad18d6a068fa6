-- processed_event rows are now kept 430 days (longer than the topics' 400-day retention, so a consumer group that
-- starts over from the beginning skips what it applied): the purge every ten minutes finds the old ones by this index
-- instead of reading the whole table.
create index if not exists processed_event_processed_at on processed_event (processed_at);
