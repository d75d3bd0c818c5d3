-- CreateTable
CREATE TABLE "ConsoleSignIn" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL,
    "usedAt" DATETIME
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "tokenHash" TEXT NOT NULL PRIMARY KEY,
    "memberId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "lastSeenAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "ConsoleSignIn_expiresAt_idx" ON "ConsoleSignIn"("expiresAt");

-- CreateIndex
CREATE INDEX "ConsoleSession_lastSeenAt_idx" ON "ConsoleSession"("lastSeenAt");
