-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_WebhookDelivery" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "eventId" TEXT NOT NULL,
    "endpointId" INTEGER NOT NULL,
    "type" TEXT NOT NULL,
    "orderKey" TEXT NOT NULL,
    "ticketNumber" INTEGER,
    "body" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME,
    "leaseUntil" DATETIME,
    "claimedBy" TEXT,
    "lastStatus" INTEGER,
    "lastError" TEXT,
    "createdAt" DATETIME NOT NULL,
    "deliveredAt" DATETIME
);
INSERT INTO "new_WebhookDelivery" ("attempts", "body", "claimedBy", "createdAt", "deliveredAt", "endpointId", "eventId", "id", "lastError", "lastStatus", "leaseUntil", "nextAttemptAt", "orderKey", "status", "ticketNumber", "type") SELECT "attempts", "body", "claimedBy", "createdAt", "deliveredAt", "endpointId", "eventId", "id", "lastError", "lastStatus", "leaseUntil", "nextAttemptAt", "orderKey", "status", "ticketNumber", "type" FROM "WebhookDelivery";
DROP TABLE "WebhookDelivery";
ALTER TABLE "new_WebhookDelivery" RENAME TO "WebhookDelivery";
CREATE INDEX "WebhookDelivery_status_nextAttemptAt_idx" ON "WebhookDelivery"("status", "nextAttemptAt");
CREATE INDEX "WebhookDelivery_endpointId_orderKey_status_idx" ON "WebhookDelivery"("endpointId", "orderKey", "status");
CREATE INDEX "WebhookDelivery_eventId_idx" ON "WebhookDelivery"("eventId");
CREATE UNIQUE INDEX "WebhookDelivery_endpointId_eventId_key" ON "WebhookDelivery"("endpointId", "eventId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;


-- The webhook endpoints are cached with the organisation (store/directory.ts): their changes bump its revision.
CREATE TRIGGER "WebhookEndpoint_insert_revision" AFTER INSERT ON "WebhookEndpoint" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "WebhookEndpoint_update_revision" AFTER UPDATE ON "WebhookEndpoint" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
CREATE TRIGGER "WebhookEndpoint_delete_revision" AFTER DELETE ON "WebhookEndpoint" BEGIN UPDATE "OrgRevision" SET "structure" = "structure" + 1 WHERE "id" = 1; END;
