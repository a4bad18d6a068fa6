-- Every secret a rotation replaced keeps signing until its own grace period ends, not only the last one (hostile
-- review of 2026-12-05, sixth pass, L8: a second rotation within 24 hours stopped the original secret at once, and
-- a receiver still holding it lost every delivery). Format: "<expiry, epoch seconds>:<secret>", comma-separated.
alter table webhook_subscription add column earlier_secrets text not null default '';
update webhook_subscription
   set earlier_secrets = floor(extract(epoch from previous_secret_expires_at))::bigint || ':' || previous_secret
 where previous_secret is not null and previous_secret_expires_at > now();
-- previous_secret and previous_secret_expires_at stay, written with the newest earlier secret: a replica of the release
-- before, still running during a rolling deploy (or after a rollback), signs with it as it did
