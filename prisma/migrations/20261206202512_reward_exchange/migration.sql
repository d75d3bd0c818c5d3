-- CreateTable
CREATE TABLE "RewardItem" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "monthlyLimit" INTEGER,
    "activeFrom" DATETIME,
    "activeUntil" DATETIME,
    "partner" TEXT,
    "collectDays" INTEGER NOT NULL,
    "retiredAt" DATETIME,
    "createdAt" DATETIME NOT NULL,
    "updatedAt" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RewardItemChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "itemId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" DATETIME NOT NULL
);

-- CreateTable
CREATE TABLE "RewardOrder" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "code" TEXT NOT NULL,
    "openCode" TEXT,
    "itemId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" DATETIME NOT NULL,
    "collectBy" DATETIME NOT NULL,
    "closedAt" DATETIME,
    "closedById" TEXT,
    "reason" TEXT
);

-- CreateIndex
CREATE INDEX "RewardItem_unitId_idx" ON "RewardItem"("unitId");

-- CreateIndex
CREATE INDEX "RewardItemChange_itemId_at_idx" ON "RewardItemChange"("itemId", "at");

-- CreateIndex
CREATE UNIQUE INDEX "RewardOrder_openCode_key" ON "RewardOrder"("openCode");

-- CreateIndex
CREATE INDEX "RewardOrder_memberId_createdAt_idx" ON "RewardOrder"("memberId", "createdAt");

-- CreateIndex
CREATE INDEX "RewardOrder_status_collectBy_idx" ON "RewardOrder"("status", "collectBy");

-- CreateIndex
CREATE INDEX "RewardOrder_itemId_memberId_createdAt_idx" ON "RewardOrder"("itemId", "memberId", "createdAt");

-- CreateIndex
CREATE INDEX "RewardOrder_unitId_createdAt_idx" ON "RewardOrder"("unitId", "createdAt");

