-- A subscription registered with a token narrowed to some schools acts for those schools only (hostile review of
-- 2026-12-05, sixth pass, M5). Subscriptions registered before this cannot be told apart: they keep the client's scope.
alter table webhook_subscription add column narrowed_to_schools boolean not null default false;
