-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "lastChasedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "ratingRemindedAt" DATETIME;
ALTER TABLE "Ticket" ADD COLUMN "suggestedDepartment" TEXT;

-- CreateTable
CREATE TABLE "PointEntry" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "points" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "reason" TEXT NOT NULL,
    "ticketNumber" INTEGER,
    "awardedById" TEXT,
    "dedupeKey" TEXT,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "ScheduledSend" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "at" DATETIME NOT NULL
);

-- CreateIndex
CREATE UNIQUE INDEX "PointEntry_dedupeKey_key" ON "PointEntry"("dedupeKey");

-- CreateIndex
CREATE INDEX "PointEntry_memberId_at_idx" ON "PointEntry"("memberId", "at");

-- CreateIndex
CREATE INDEX "PointEntry_unitId_memberId_idx" ON "PointEntry"("unitId", "memberId");

