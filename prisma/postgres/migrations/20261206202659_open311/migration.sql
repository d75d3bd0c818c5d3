-- CreateTable
CREATE TABLE "Open311Key" (
    "id" SERIAL NOT NULL,
    "name" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "keyHash" TEXT NOT NULL,
    "perMinute" INTEGER NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "revokedAt" TIMESTAMPTZ(3),
    "lastUsedAt" TIMESTAMPTZ(3),

    CONSTRAINT "Open311Key_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "Open311Usage" (
    "keyId" INTEGER NOT NULL,
    "windowStart" TIMESTAMPTZ(3) NOT NULL,
    "count" INTEGER NOT NULL,

    CONSTRAINT "Open311Usage_pkey" PRIMARY KEY ("keyId","windowStart")
);

-- CreateTable
CREATE TABLE "Open311Report" (
    "id" SERIAL NOT NULL,
    "ticketNumber" INTEGER NOT NULL,
    "keyId" INTEGER NOT NULL,
    "lat" DOUBLE PRECISION,
    "long" DOUBLE PRECISION,
    "addressString" TEXT,
    "contactName" TEXT,
    "contactPhone" TEXT,
    "contactEmail" TEXT,
    "mediaUrl" TEXT,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "Open311Report_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "Open311Usage_windowStart_idx" ON "Open311Usage"("windowStart");

-- CreateIndex
CREATE INDEX "Open311Report_ticketNumber_idx" ON "Open311Report"("ticketNumber");

-- CreateIndex
CREATE INDEX "Open311Report_keyId_idx" ON "Open311Report"("keyId");

-- AddForeignKey
ALTER TABLE "Open311Usage" ADD CONSTRAINT "Open311Usage_keyId_fkey" FOREIGN KEY ("keyId") REFERENCES "Open311Key"("id") ON DELETE RESTRICT ON UPDATE CASCADE;

