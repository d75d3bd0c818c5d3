-- CreateTable
CREATE TABLE "ConsoleSignIn" (
    "tokenHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "expiresAt" TIMESTAMPTZ(3) NOT NULL,
    "usedAt" TIMESTAMPTZ(3),

    CONSTRAINT "ConsoleSignIn_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateTable
CREATE TABLE "ConsoleSession" (
    "tokenHash" TEXT NOT NULL,
    "memberId" TEXT NOT NULL,
    "csrfToken" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "lastSeenAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "ConsoleSession_pkey" PRIMARY KEY ("tokenHash")
);

-- CreateIndex
CREATE INDEX "ConsoleSignIn_expiresAt_idx" ON "ConsoleSignIn"("expiresAt");

-- CreateIndex
CREATE INDEX "ConsoleSession_lastSeenAt_idx" ON "ConsoleSession"("lastSeenAt");

-- CreateIndex
CREATE INDEX "Ticket_unitId_createdAt_status_resolvedAt_idx" ON "Ticket"("unitId", "createdAt", "status", "resolvedAt");

