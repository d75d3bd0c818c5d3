-- A post carries the platform that sends it, and the kind of its last failed send, instead of the outbox
-- reading them out of strings (the channel's first word, the error's first words).
-- Backfill: the platform is the post's group's (a reply in the callback's answer, "passive", has no platform
-- in its channel), else its channel's first word; the kind is read once from the errors the outbox wrote.
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_BotPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "kind" TEXT NOT NULL,
    "inboundMessageId" INTEGER,
    "ticketNumber" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "platform" TEXT NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'sandbox',
    "target" TEXT,
    "targetExpiresAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'sent',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "failure" TEXT,
    "sentAt" DATETIME,
    "card" TEXT,
    "actionId" TEXT
);
INSERT INTO "new_BotPost" (
    "id", "groupId", "text", "mentions", "kind", "inboundMessageId", "ticketNumber", "createdAt", "platform", "channel",
    "target", "targetExpiresAt", "status", "attempts", "nextAttemptAt", "leaseUntil", "lastError", "failure", "sentAt", "card", "actionId"
)
SELECT
    "id", "groupId", "text", "mentions", "kind", "inboundMessageId", "ticketNumber", "createdAt",
    COALESCE(
        (SELECT "Group"."platform" FROM "Group" WHERE "Group"."id" = "BotPost"."groupId"),
        CASE WHEN instr("channel", '_') > 0 THEN substr("channel", 1, instr("channel", '_') - 1) ELSE "channel" END
    ),
    "channel", "target", "targetExpiresAt", "status", "attempts", "nextAttemptAt", "leaseUntil", "lastError",
    CASE
        WHEN "lastError" IS NULL THEN NULL
        WHEN "lastError" LIKE 'rate limited: %' THEN 'rateLimited'
        WHEN "lastError" LIKE 'network:%' OR "lastError" LIKE 'http 5%' OR "lastError" LIKE 'unexpected:%' THEN 'outage'
        WHEN "status" = 'dead' THEN 'permanent'
        ELSE 'rejected'
    END,
    "sentAt", "card", "actionId"
FROM "BotPost";
DROP TABLE "BotPost";
ALTER TABLE "new_BotPost" RENAME TO "BotPost";
CREATE INDEX "BotPost_groupId_createdAt_idx" ON "BotPost"("groupId", "createdAt");
CREATE INDEX "BotPost_status_nextAttemptAt_idx" ON "BotPost"("status", "nextAttemptAt");
CREATE UNIQUE INDEX "BotPost_actionId_key" ON "BotPost"("actionId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
