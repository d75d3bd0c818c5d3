-- CreateTable
CREATE TABLE "Open311Key" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "name" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "perMinute" INTEGER NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "revokedAt" DATETIME,
    "lastUsedAt" DATETIME
);

-- CreateTable
CREATE TABLE "Open311Usage" (
    "keyId" INTEGER NOT NULL,
    "windowStart" DATETIME NOT NULL,
    "count" INTEGER NOT NULL,

    PRIMARY KEY ("keyId", "windowStart"),
    CONSTRAINT "Open311Usage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "Open311Key" ("id") ON DELETE RESTRICT ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Open311Report" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "ticketNumber" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "lat" REAL,
    "long" REAL,
    "addressString" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "mediaUrl" TEXT,
    "createdAt" DATETIME NOT NULL
);

-- CreateIndex
CREATE INDEX "Open311Usage_windowStart_idx" ON "Open311Usage"("windowStart");

-- CreateIndex
CREATE INDEX "Open311Report_ticketNumber_idx" ON "Open311Report"("ticketNumber");

-- CreateIndex
CREATE INDEX "Open311Report_keyId_idx" ON "Open311Report"("keyId");

