-- AlterTable
ALTER TABLE "Group" ADD COLUMN "pushKey" TEXT;
ALTER TABLE "Group" ADD COLUMN "pushSecret" TEXT;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_InboundMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "messageId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "receivedAt" DATETIME NOT NULL,
    "private" BOOLEAN NOT NULL DEFAULT false,
    "replies" TEXT NOT NULL
);
INSERT INTO "new_InboundMessage" ("groupId", "id", "memberId", "messageId", "platform", "receivedAt", "replies", "text") SELECT "groupId", "id", "memberId", "messageId", "platform", "receivedAt", "replies", "text" FROM "InboundMessage";
DROP TABLE "InboundMessage";
ALTER TABLE "new_InboundMessage" RENAME TO "InboundMessage";
CREATE INDEX "InboundMessage_groupId_receivedAt_idx" ON "InboundMessage"("groupId", "receivedAt");
CREATE UNIQUE INDEX "InboundMessage_platform_messageId_key" ON "InboundMessage"("platform", "messageId");
CREATE TABLE "new_BotPost" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "groupId" TEXT NOT NULL,
    "text" TEXT NOT NULL,
    "mentions" TEXT NOT NULL DEFAULT '[]',
    "kind" TEXT NOT NULL,
    "inboundMessageId" INTEGER,
    "ticketNumber" INTEGER,
    "createdAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'sandbox',
    "target" TEXT,
    "targetExpiresAt" DATETIME,
    "status" TEXT NOT NULL DEFAULT 'sent',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME,
    "lastError" TEXT,
    "sentAt" DATETIME
);
INSERT INTO "new_BotPost" ("createdAt", "groupId", "id", "inboundMessageId", "kind", "mentions", "sentAt", "status", "text", "ticketNumber") SELECT "createdAt", "groupId", "id", "inboundMessageId", "kind", "mentions", "sentAt", "status", "text", "ticketNumber" FROM "BotPost";
DROP TABLE "BotPost";
ALTER TABLE "new_BotPost" RENAME TO "BotPost";
CREATE INDEX "BotPost_groupId_createdAt_idx" ON "BotPost"("groupId", "createdAt");
CREATE INDEX "BotPost_status_nextAttemptAt_idx" ON "BotPost"("status", "nextAttemptAt");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

