import { loadUnitTree } from "../../store/org.ts";
import type { Database } from "../../store/database.ts";
import { attachmentPath } from "../attachments/content.ts";
import { listTickets, ticketFile, type TicketFilters, type TicketRecord } from "../../store/tickets.ts";

/** The API's view of a ticket: stable ids, ISO-8601 times. */
export function serializeTicket(ticket: TicketRecord) {
  return {
    number: ticket.number,
    status: ticket.status,
    category: ticket.category,
    colour: ticket.colour,
    level: ticket.level,
    text: ticket.text,
    location: { building: ticket.building, unit: ticket.unitNo, room: ticket.room, text: ticket.locationText },
    groupId: ticket.groupId,
    unitId: ticket.unitId,
    handlingUnitId: ticket.handlingUnitId,
    reporterId: ticket.reporterId,
    // 代报: who filed it from a quoted message, and whether its author was unknown (then confirmed by 回访).
    onBehalf: ticket.filedById ? { filedById: ticket.filedById, reporterUnknown: ticket.reporterUnknown ?? false } : null,
    assignee: ticket.assigneeName ? { name: ticket.assigneeName, memberId: ticket.assigneeId } : null,
    outcome: ticket.outcome,
    result: ticket.resultNote,
    rating: ticket.rating,
    ratingComment: ticket.ratingComment,
    acceptDueAt: ticket.acceptDueAt.toISOString(),
    resolveDueAt: ticket.resolveDueAt.toISOString(),
    acceptedAt: ticket.acceptedAt?.toISOString() ?? null,
    resolvedAt: ticket.resolvedAt?.toISOString() ?? null,
    closedAt: ticket.closedAt?.toISOString() ?? null,
    createdAt: ticket.createdAt.toISOString(),
    updatedAt: ticket.updatedAt.toISOString(),
  };
}

export interface TicketQuery extends Omit<TicketFilters, "unitIds"> {
  /** A unit id: tickets of that unit and every unit below it. */
  unit?: string;
}

export async function queryTickets(db: Database, query: TicketQuery) {
  const { unit, ...filters } = query;
  const unitIds = unit ? [...(await loadUnitTree(db)).subtreeIds(unit)] : undefined;
  const { tickets, total } = await listTickets(db, { ...filters, ...(unitIds ? { unitIds } : {}) });
  return { total, tickets: tickets.map(serializeTicket) };
}

export async function ticketWithHistory(db: Database, number: number) {
  const file = await ticketFile(db, number);
  if (!file) return null;
  const { events, followers, attachments, ...ticket } = file;
  return {
    ...serializeTicket(ticket),
    history: events.map((event) => ({
      attachmentIds: attachments.filter((attachment) => attachment.eventId === event.id).map((attachment) => attachment.id),
      type: event.type,
      actor: { id: event.actorId, name: event.actorName },
      fromStatus: event.fromStatus,
      toStatus: event.toStatus,
      note: event.note,
      at: event.at.toISOString(),
    })),
    followers: followers.map((follower) => ({ memberId: follower.memberId, text: follower.text, at: follower.at.toISOString() })),
    attachments: attachments.map((attachment) => ({
      id: attachment.id,
      kind: attachment.kind,
      mime: attachment.mime,
      bytes: attachment.bytes,
      url: attachmentPath(attachment.id),
      createdAt: attachment.createdAt.toISOString(),
    })),
  };
}
