-- CreateIndex
CREATE INDEX "Ticket_unitId_createdAt_rating_idx" ON "Ticket"("unitId", "createdAt", "rating");

-- CreateIndex
CREATE INDEX "TicketEvent_ticketNumber_type_actorId_idx" ON "TicketEvent"("ticketNumber", "type", "actorId");

