import type { TicketEventDraft, TicketPatch } from "../domain/ticketMachine.ts";
import type { Colour, Level, Outcome, Rating, TicketStatus } from "../domain/types.ts";
import type { StatTicket } from "../domain/stats.ts";
import type { Prisma } from "./generated/client.ts";
import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

export interface TicketRecord {
  number: number;
  groupId: string;
  unitId: string;
  handlingUnitId: string;
  level: Level;
  reporterId: string;
  /** 代报: the staff member who filed it from a quoted message. */
  filedById?: string | null;
  /** 代报 without a known author: the reporter is the staff member, and a 回访 confirms the result. */
  reporterUnknown?: boolean;
  text: string;
  category: string;
  colour: Colour;
  building: string | null;
  unitNo: string | null;
  room: string | null;
  locationText: string | null;
  status: TicketStatus;
  outcome: Outcome | null;
  resultNote: string | null;
  assigneeName: string | null;
  assigneeId: string | null;
  rating: Rating | null;
  ratingComment: string | null;
  acceptDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  lastChasedAt: Date | null;
  ratingRemindedAt: Date | null;
  suggestedDepartment: string | null;
  /** 上会: set while the matter waits for a meeting to decide it; its resolution clock is paused meanwhile. */
  markedForMeetingAt?: Date | null;
  createdAt: Date;
  updatedAt: Date;
}

/** Columns the SLA sweep keeps besides the state machine's. */
export interface SweepPatch {
  lastChasedAt?: Date | null;
  ratingRemindedAt?: Date | null;
  suggestedDepartment?: string | null;
  markedForMeetingAt?: Date | null;
}

/** A staff correction of the bot's reading (改类 / 改色). */
export interface ReadingPatch {
  category?: string;
  colour?: Colour;
}

/** What creating a ticket needs; status, history and the rest start empty. */
export type NewTicket = Pick<
  TicketRecord,
  | "groupId"
  | "unitId"
  | "handlingUnitId"
  | "level"
  | "reporterId"
  | "text"
  | "category"
  | "colour"
  | "building"
  | "unitNo"
  | "room"
  | "locationText"
  | "acceptDueAt"
  | "resolveDueAt"
  | "createdAt"
> &
  Partial<Pick<TicketRecord, "filedById" | "reporterUnknown">>;

// The database stores these columns as plain strings; the domain's unions are what we write.
const asRecord = (row: Prisma.TicketGetPayload<object>): TicketRecord => row as TicketRecord;

export async function createTicket(tx: Tx, ticket: NewTicket, events: TicketEventDraft[]): Promise<TicketRecord> {
  const row = await tx.ticket.create({
    data: { ...ticket, status: "reported", updatedAt: ticket.createdAt, events: { create: events } },
  });
  return asRecord(row);
}

export async function findTicket(client: Client, number: number): Promise<TicketRecord | null> {
  const row = await client.ticket.findUnique({ where: { number } });
  return row ? asRecord(row) : null;
}

export async function followerIdsOf(client: Client, number: number): Promise<Set<string>> {
  const rows = await client.ticketFollower.findMany({ where: { ticketNumber: number }, select: { memberId: true } });
  return new Set(rows.map((row) => row.memberId));
}

export async function applyTicketPatch(
  tx: Tx,
  number: number,
  patch: TicketPatch & SweepPatch & ReadingPatch,
  events: TicketEventDraft[],
  now: Date,
): Promise<TicketRecord> {
  const row = await tx.ticket.update({
    where: { number },
    data: { ...patch, updatedAt: now, events: { create: events } },
  });
  return asRecord(row);
}

export async function addFollower(tx: Tx, number: number, memberId: string, text: string | null, event: TicketEventDraft): Promise<number> {
  await tx.ticketFollower.create({ data: { ticketNumber: number, memberId, text, at: event.at } });
  await tx.ticketEvent.create({ data: { ...event, ticketNumber: number } });
  await tx.ticket.update({ where: { number }, data: { updatedAt: event.at } });
  return tx.ticketFollower.count({ where: { ticketNumber: number } });
}

const OPEN: TicketStatus[] = ["reported", "accepted", "assigned"];

/** Open tickets of one estate reported since `since`: the candidates for 附议. */
export async function duplicateCandidates(client: Client, match: { unitId: string; since: Date }): Promise<TicketRecord[]> {
  const rows = await client.ticket.findMany({
    where: { unitId: match.unitId, status: { in: OPEN }, createdAt: { gte: match.since } },
    orderBy: { number: "desc" },
  });
  return rows.map(asRecord);
}

/** Tickets a member reported, follows or is assigned, open ones first, newest first. */
export async function ticketsOfMember(client: Client, memberId: string, limit: number): Promise<TicketRecord[]> {
  const rows = await client.ticket.findMany({
    where: { OR: [{ reporterId: memberId }, { followers: { some: { memberId } } }, { assigneeId: memberId }] },
    orderBy: { number: "desc" },
    take: 50,
  });
  const open = (status: string) => (OPEN.includes(status as TicketStatus) ? 0 : 1);
  return rows
    .map(asRecord)
    .sort((a, b) => open(a.status) - open(b.status) || b.number - a.number)
    .slice(0, limit);
}

/**
 * Open tickets in the given units, the most pressing deadline first (acceptance for a reported ticket,
 * resolution otherwise), and how many there are. The database sorts and limits: a reported ticket's
 * deadline and another's live in different columns, so each kind is read in its own deadline's order
 * (at most `limit` of each) and the two are merged; nothing loads a county's open tickets.
 */
export async function openTicketsInUnits(client: Client, unitIds: readonly string[], limit: number): Promise<{ tickets: TicketRecord[]; total: number }> {
  const units = { in: [...unitIds] };
  const [reported, inHand, total] = await Promise.all([
    client.ticket.findMany({ where: { unitId: units, status: "reported" }, orderBy: [{ acceptDueAt: "asc" }, { number: "asc" }], take: limit }),
    client.ticket.findMany({
      where: { unitId: units, status: { in: OPEN.filter((status) => status !== "reported") } },
      orderBy: [{ resolveDueAt: "asc" }, { acceptDueAt: "asc" }, { number: "asc" }],
      take: limit,
    }),
    client.ticket.count({ where: { unitId: units, status: { in: OPEN } } }),
  ]);
  const pressing = (ticket: TicketRecord) => (ticket.status === "reported" ? ticket.acceptDueAt : ticket.resolveDueAt).getTime();
  return {
    tickets: [...reported, ...inHand]
      .map(asRecord)
      .sort((a, b) => pressing(a) - pressing(b) || a.acceptDueAt.getTime() - b.acceptDueAt.getTime() || a.number - b.number)
      .slice(0, limit),
    total,
  };
}

export function lastEventOf(client: Client, number: number) {
  return client.ticketEvent.findFirst({ where: { ticketNumber: number }, orderBy: [{ at: "desc" }, { id: "desc" }] });
}

export interface TicketFilters {
  status?: string;
  unitIds?: string[];
  groupId?: string;
  category?: string;
  colour?: string;
  limit: number;
  offset: number;
}

export async function listTickets(client: Client, filters: TicketFilters): Promise<{ tickets: TicketRecord[]; total: number }> {
  const where: Prisma.TicketWhereInput = {
    ...(filters.status ? { status: filters.status } : {}),
    ...(filters.unitIds ? { unitId: { in: filters.unitIds } } : {}),
    ...(filters.groupId ? { groupId: filters.groupId } : {}),
    ...(filters.category ? { category: filters.category } : {}),
    ...(filters.colour ? { colour: filters.colour } : {}),
  };
  const [rows, total] = await Promise.all([
    client.ticket.findMany({ where, orderBy: { number: "desc" }, take: filters.limit, skip: filters.offset }),
    client.ticket.count({ where }),
  ]);
  return { tickets: rows.map(asRecord), total };
}

export async function ticketFile(client: Client, number: number) {
  return client.ticket.findUnique({
    where: { number },
    include: {
      events: { orderBy: [{ at: "asc" }, { id: "asc" }] },
      followers: { orderBy: { at: "asc" } },
    },
  });
}

/**
 * The next batch (by number, after `afterNumber`) of tickets that may be due for a sweep action as of
 * `now`: open ones past a deadline, and ones resolved at or before `resolvedBefore` (the earliest a
 * rating reminder or auto-close can be due). A superset of what is due, read through the
 * (status, deadline) indexes; the sweep's rules decide. A county's not-yet-due tickets are never loaded.
 */
export async function ticketsDueForSweep(client: Client, now: Date, resolvedBefore: Date, afterNumber: number, batch: number): Promise<TicketRecord[]> {
  const rows = await client.ticket.findMany({
    where: {
      number: { gt: afterNumber },
      OR: [
        { status: { in: OPEN }, resolveDueAt: { lt: now } },
        { status: "reported", acceptDueAt: { lt: now } },
        { status: "resolved", resolvedAt: { lte: resolvedBefore } },
      ],
    },
    orderBy: { number: "asc" },
    take: batch,
  });
  return rows.map(asRecord);
}

/**
 * Claims a ticket for a change decided on a snapshot: succeeds only if nobody changed it since
 * (`updatedAt` unchanged), so two sweeps never act twice on the same state.
 */
export async function claimTicketVersion(tx: Tx, number: number, seenUpdatedAt: Date, now: Date): Promise<boolean> {
  const { count } = await tx.ticket.updateMany({ where: { number, updatedAt: seenUpdatedAt }, data: { updatedAt: now } });
  return count === 1;
}

export function recentEventsOf(client: Client, number: number, take: number) {
  return client.ticketEvent.findMany({ where: { ticketNumber: number }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

/** Tickets of the given units reported in [from, to). */
export async function ticketsReportedBetween(client: Client, unitIds: readonly string[], from: Date, to: Date): Promise<TicketRecord[]> {
  const rows = await client.ticket.findMany({ where: { unitId: { in: [...unitIds] }, createdAt: { gte: from, lt: to } }, orderBy: { number: "asc" } });
  return rows.map(asRecord);
}

/** What statistics read of a ticket: its place, kind and dates, nothing else. */
export interface StatRow extends StatTicket {
  unitId: string;
  category: string;
  colour: string;
}

/**
 * Tickets of the given units reported in [from, to), only the columns statistics need (a county's month
 * is thousands of rows; the rest of each row is never looked at).
 */
export async function statRowsReportedBetween(client: Client, unitIds: readonly string[], from: Date, to: Date): Promise<StatRow[]> {
  const rows = await client.ticket.findMany({
    where: { unitId: { in: [...unitIds] }, createdAt: { gte: from, lt: to } },
    orderBy: { number: "asc" },
    select: {
      unitId: true,
      category: true,
      colour: true,
      status: true,
      outcome: true,
      rating: true,
      createdAt: true,
      acceptDueAt: true,
      resolveDueAt: true,
      acceptedAt: true,
      resolvedAt: true,
      closedAt: true,
    },
  });
  return rows as StatRow[];
}

export async function addTicketEvents(tx: Tx, number: number, events: TicketEventDraft[]): Promise<void> {
  for (const event of events) await tx.ticketEvent.create({ data: { ...event, ticketNumber: number } });
}

/** A ticket's followers with their names and the words they reported in, oldest first. */
export async function followersWithNames(client: Client, number: number) {
  const rows = await client.ticketFollower.findMany({ where: { ticketNumber: number }, orderBy: { at: "asc" } });
  const members = await client.member.findMany({ where: { id: { in: rows.map((row) => row.memberId) } } });
  const names = new Map(members.map((member) => [member.id, member.name]));
  return rows.map((row) => ({ memberId: row.memberId, name: names.get(row.memberId) ?? row.memberId, text: row.text }));
}

export async function removeFollower(tx: Tx, number: number, memberId: string): Promise<void> {
  await tx.ticketFollower.delete({ where: { ticketNumber_memberId: { ticketNumber: number, memberId } } });
}
