-- AlterTable
ALTER TABLE "BotPost" ADD COLUMN "claimedBy" TEXT;

-- CreateTable
CREATE TABLE "Lease" (
    "name" TEXT NOT NULL PRIMARY KEY,
    "holder" TEXT NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

