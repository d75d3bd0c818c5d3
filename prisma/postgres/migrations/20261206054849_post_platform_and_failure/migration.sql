-- A post carries the platform that sends it, and the kind of its last failed send (the SQLite twin:
-- prisma/migrations/20261206060000_post_platform_and_failure). Backfilled the same way: the platform is the
-- post's group's, else its channel's first word; the kind is read once from the errors the outbox wrote.
ALTER TABLE "BotPost" ADD COLUMN "failure" TEXT, ADD COLUMN "platform" TEXT;

UPDATE "BotPost" SET "platform" = COALESCE(
    (SELECT "Group"."platform" FROM "Group" WHERE "Group"."id" = "BotPost"."groupId"),
    split_part("channel", '_', 1)
);
UPDATE "BotPost" SET "failure" = CASE
    WHEN "lastError" LIKE 'rate limited: %' THEN 'rateLimited'
    WHEN "lastError" LIKE 'network:%' OR "lastError" LIKE 'http 5%' OR "lastError" LIKE 'unexpected:%' THEN 'outage'
    WHEN "status" = 'dead' THEN 'permanent'
    ELSE 'rejected'
END WHERE "lastError" IS NOT NULL;

ALTER TABLE "BotPost" ALTER COLUMN "platform" SET NOT NULL;
