import type { TicketEventDraft, TicketPatch } from "../domain/ticketMachine.ts";
import type { Colour, Level, Outcome, Rating, TicketStatus } from "../domain/types.ts";
import type { Prisma } from "./generated/client.ts";
import { statementsOf, type Database, type Tx } from "./database.ts";
import { columnsOf, fromRow, insertRecords, toDbValue } from "./rows.ts";
import { toDbDate, type Statements } from "./connection.ts";

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
  const statements = await statementsOf(tx);
  const { names, values } = columnsOf({ ...ticket, status: "reported", updatedAt: ticket.createdAt });
  const row = statements.get<Record<string, unknown>>(
    `INSERT INTO "Ticket" (${names.join(", ")}) VALUES (${names.map(() => "?").join(", ")}) RETURNING *`,
    values,
  )!;
  const created = fromRow<TicketRecord>(row);
  insertEvents(statements, created.number, events);
  return created;
}

function insertEvents(statements: Statements, number: number, events: readonly TicketEventDraft[]): void {
  insertRecords(
    statements,
    "TicketEvent",
    events.map((event) => ({ ...event, ticketNumber: number })),
  );
}

export async function findTicket(client: Client, number: number): Promise<TicketRecord | null> {
  const row = (await statementsOf(client)).get<Record<string, unknown>>('SELECT * FROM "Ticket" WHERE "number" = ?', [number]);
  return row ? fromRow<TicketRecord>(row) : null;
}

export async function followerIdsOf(client: Client, number: number): Promise<Set<string>> {
  const rows = (await statementsOf(client)).all<{ memberId: string }>('SELECT "memberId" FROM "TicketFollower" WHERE "ticketNumber" = ?', [number]);
  return new Set(rows.map((row) => row.memberId));
}

export async function applyTicketPatch(
  tx: Tx,
  number: number,
  patch: TicketPatch & SweepPatch & ReadingPatch,
  events: TicketEventDraft[],
  now: Date,
): Promise<TicketRecord> {
  const statements = await statementsOf(tx);
  const { names, values } = columnsOf({ ...patch, updatedAt: now });
  const row = statements.get<Record<string, unknown>>(`UPDATE "Ticket" SET ${names.map((name) => `${name} = ?`).join(", ")} WHERE "number" = ? RETURNING *`, [
    ...values,
    number,
  ]);
  if (!row) throw new Error(`ticket ${number} does not exist`);
  insertEvents(statements, number, events);
  return fromRow<TicketRecord>(row);
}

export async function addFollower(tx: Tx, number: number, memberId: string, text: string | null, event: TicketEventDraft): Promise<number> {
  const statements = await statementsOf(tx);
  statements.run('INSERT INTO "TicketFollower" ("ticketNumber", "memberId", "text", "at") VALUES (?, ?, ?, ?)', [number, memberId, text, toDbDate(event.at)]);
  insertEvents(statements, number, [event]);
  statements.run('UPDATE "Ticket" SET "updatedAt" = ? WHERE "number" = ?', [toDbDate(event.at), number]);
  return statements.get<{ count: number }>('SELECT COUNT(*) AS "count" FROM "TicketFollower" WHERE "ticketNumber" = ?', [number])!.count;
}

const OPEN: TicketStatus[] = ["reported", "accepted", "assigned"];

/**
 * Open tickets of one estate reported since `since`: the candidates for 附议. Where the report names a
 * building, unit or room, tickets naming a different one are different matters (see domain/duplicates.ts)
 * and are left in the database; the newest 500 at most.
 */
export async function duplicateCandidates(
  client: Client,
  match: { unitId: string; since: Date; building?: string | null; unitNo?: string | null; room?: string | null },
): Promise<TicketRecord[]> {
  const params = {
    unitId: match.unitId,
    since: toDbValue(match.since),
    building: match.building ?? null,
    unitNo: match.unitNo ?? null,
    room: match.room ?? null,
  };
  const samePlace = `"unitId" = @unitId AND "createdAt" >= @since AND "status" IN ('reported', 'accepted', 'assigned')
       AND ("unitNo" IS NULL OR @unitNo IS NULL OR "unitNo" = @unitNo) AND ("room" IS NULL OR @room IS NULL OR "room" = @room)`;
  // With a building named, its tickets and those naming none, each read through (unitId, building, createdAt).
  const sql = params.building
    ? `SELECT * FROM (SELECT * FROM "Ticket" WHERE "building" = @building AND ${samePlace}
         UNION ALL SELECT * FROM "Ticket" WHERE "building" IS NULL AND ${samePlace}) ORDER BY "number" DESC LIMIT 500`
    : `SELECT * FROM "Ticket" WHERE ${samePlace} ORDER BY "number" DESC LIMIT 500`;
  const rows = (await statementsOf(client)).all<Record<string, unknown>>(sql, [params]);
  return rows.map((row) => fromRow<TicketRecord>(row));
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
      attachments: { orderBy: { id: "asc" } },
    },
  });
}

export function recentEventsOf(client: Client, number: number, take: number) {
  return client.ticketEvent.findMany({ where: { ticketNumber: number }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

/** Tickets of the given units reported in [from, to). */
export async function ticketsReportedBetween(client: Client, unitIds: readonly string[], from: Date, to: Date): Promise<TicketRecord[]> {
  const rows = await client.ticket.findMany({ where: { unitId: { in: [...unitIds] }, createdAt: { gte: from, lt: to } }, orderBy: { number: "asc" } });
  return rows.map(asRecord);
}

export async function addTicketEvents(tx: Tx, number: number, events: TicketEventDraft[]): Promise<void> {
  insertEvents(await statementsOf(tx), number, events);
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
