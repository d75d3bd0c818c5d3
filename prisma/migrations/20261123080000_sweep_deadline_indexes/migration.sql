-- CreateIndex
CREATE INDEX "Ticket_status_resolveDueAt_idx" ON "Ticket"("status", "resolveDueAt");

-- CreateIndex
CREATE INDEX "Ticket_status_acceptDueAt_idx" ON "Ticket"("status", "acceptDueAt");

-- CreateIndex
CREATE INDEX "Ticket_status_resolvedAt_idx" ON "Ticket"("status", "resolvedAt");
