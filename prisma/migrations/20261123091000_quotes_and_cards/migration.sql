-- AlterTable
ALTER TABLE "BotPost" ADD COLUMN "actionId" TEXT;
ALTER TABLE "BotPost" ADD COLUMN "card" TEXT;

-- AlterTable
ALTER TABLE "InboundMessage" ADD COLUMN "refused" BOOLEAN NOT NULL DEFAULT false;

-- AlterTable
ALTER TABLE "Ticket" ADD COLUMN "filedById" TEXT;
ALTER TABLE "Ticket" ADD COLUMN "reporterUnknown" BOOLEAN NOT NULL DEFAULT false;

-- CreateIndex
CREATE UNIQUE INDEX "BotPost_actionId_key" ON "BotPost"("actionId");
