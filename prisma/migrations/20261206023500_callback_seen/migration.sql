-- CreateTable
CREATE TABLE "CallbackSeen" (
    "key" TEXT NOT NULL PRIMARY KEY,
    "digest" TEXT NOT NULL,
    "firstSeenAt" DATETIME NOT NULL,
    "expiresAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "CallbackSeen_expiresAt_idx" ON "CallbackSeen"("expiresAt");
