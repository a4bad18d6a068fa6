-- the feed's retention purge deletes old feed_event rows; on delete cascade looks up webhook_delivery by feed_seq,
-- which without this index is a scan of every delivery per purged event
create index webhook_delivery_feed_seq on webhook_delivery (feed_seq);
