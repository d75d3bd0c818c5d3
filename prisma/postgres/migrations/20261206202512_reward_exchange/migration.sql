-- CreateTable
CREATE TABLE "RewardItem" (
    "id" SERIAL NOT NULL,
    "unitId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "price" INTEGER NOT NULL,
    "stock" INTEGER NOT NULL,
    "monthlyLimit" INTEGER,
    "activeFrom" TIMESTAMPTZ(3),
    "activeUntil" TIMESTAMPTZ(3),
    "partner" TEXT,
    "collectDays" INTEGER NOT NULL,
    "retiredAt" TIMESTAMPTZ(3),
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "updatedAt" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RewardItem_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardItemChange" (
    "id" SERIAL NOT NULL,
    "itemId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "action" TEXT NOT NULL,
    "detail" TEXT NOT NULL,
    "at" TIMESTAMPTZ(3) NOT NULL,

    CONSTRAINT "RewardItemChange_pkey" PRIMARY KEY ("id")
);

-- CreateTable
CREATE TABLE "RewardOrder" (
    "id" SERIAL NOT NULL,
    "code" TEXT NOT NULL,
    "openCode" TEXT,
    "itemId" INTEGER NOT NULL,
    "memberId" TEXT NOT NULL,
    "unitId" TEXT NOT NULL,
    "groupId" TEXT NOT NULL,
    "quantity" INTEGER NOT NULL,
    "points" INTEGER NOT NULL,
    "status" TEXT NOT NULL,
    "createdAt" TIMESTAMPTZ(3) NOT NULL,
    "collectBy" TIMESTAMPTZ(3) NOT NULL,
    "closedAt" TIMESTAMPTZ(3),
    "closedById" TEXT,
    "reason" TEXT,

    CONSTRAINT "RewardOrder_pkey" PRIMARY KEY ("id")
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

