-- CreateIndex
CREATE INDEX "Ticket_unitId_createdAt_status_resolvedAt_idx" ON "Ticket"("unitId", "createdAt", "status", "resolvedAt");
