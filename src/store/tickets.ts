import { sql, type Insertable, type Selectable } from "kysely";
import type { TicketEventDraft, TicketPatch } from "../domain/ticketMachine.ts";
import { OPEN_STATUSES, type Colour, type Level, type Outcome, type Rating, type TicketStatus } from "../domain/types.ts";
import type { Database, Tx } from "./database.ts";
import { CompiledOnce } from "./compiled.ts";
import { insertRows } from "./rows.ts";
import { queueTicketWebhooks } from "./webhookDeliveries.ts";
import type { TicketTable } from "./schema.ts";
import { openStatusList, rowCount, statusList } from "./literals.ts";

type Client = Database;

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
const asRecord = (row: Selectable<TicketTable>): TicketRecord => row as TicketRecord;

/** The lock that makes ticket numbers gapless on PostgreSQL: one report numbers at a time (see createTicket). */
const TICKET_NUMBER_LOCK = 19_0001;

/**
 * Creates a ticket with the next number. Residents see the numbers, so they are unique and gapless per
 * deployment: SQLite's single writer and its rolled-back AUTOINCREMENT give that by themselves; on
 * PostgreSQL a sequence would leave gaps (a rolled-back insert uses its value up), so the number is the
 * highest one plus one, taken under a transaction-scoped advisory lock that concurrent reports (on any
 * instance) wait for and a rollback releases.
 */
export async function createTicket(tx: Tx, ticket: NewTicket, events: TicketEventDraft[]): Promise<TicketRecord> {
  const values = { ...ticket, status: "reported", updatedAt: ticket.createdAt };
  const keys = Object.keys(values).filter((key) => values[key as keyof typeof values] !== undefined);
  // PostgreSQL: the number is read by the insert itself, whose snapshot is taken after the lock is held.
  if (tx.dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(${TICKET_NUMBER_LOCK})`.execute(tx.query);
  const [row] = (
    await insertTicket.execute(
      tx,
      keys.map((key) => values[key as keyof typeof values]),
      `${keys.join(",")}${tx.dialect === "postgres" ? NEXT_NUMBER : ""}`,
    )
  ).rows as [Selectable<TicketTable>];
  const created = asRecord(row);
  await insertEvents(tx, created.number, events);
  return created;
}

async function insertEvents(tx: Tx, number: number, events: readonly TicketEventDraft[]): Promise<void> {
  const rows = events.map((event) => ({ ...event, ticketNumber: number }));
  await insertRows(tx, "TicketEvent", rows);
  // The webhooks' outbox, in the same transaction as the history it tells of.
  await queueTicketWebhooks(tx, rows);
}

/** The ticket insert with the columns named in `shape`, compiled once per set of columns. */
/** The shape's mark for "number is the highest plus one" (PostgreSQL, under the lock; SQLite's AUTOINCREMENT numbers by itself). */
const NEXT_NUMBER = ";next-number";

const insertTicket = new CompiledOnce((q, values: unknown[], shape) => {
  const [columns, nextNumber] = shape.endsWith(NEXT_NUMBER) ? [shape.slice(0, -NEXT_NUMBER.length), true] : [shape, false];
  const row: Record<string, unknown> = Object.fromEntries(columns.split(",").map((key, i) => [key, values[i]]));
  if (nextNumber) row.number = sql<number>`(SELECT coalesce(max("number"), 0) + 1 FROM "Ticket")`;
  return q
    .insertInto("Ticket")
    .values(row as Insertable<TicketTable>)
    .returningAll();
});

const ticketByNumber = new CompiledOnce((q, [number]: [number]) => q.selectFrom("Ticket").selectAll().where("number", "=", number));

export async function findTicket(client: Client, number: number): Promise<TicketRecord | null> {
  const [row] = (await ticketByNumber.execute(client, [number])).rows;
  return row ? asRecord(row) : null;
}

export async function followerIdsOf(client: Client, number: number): Promise<Set<string>> {
  const rows = await client.query.selectFrom("TicketFollower").select("memberId").where("ticketNumber", "=", number).execute();
  return new Set(rows.map((row) => row.memberId));
}

export async function applyTicketPatch(
  tx: Tx,
  number: number,
  patch: TicketPatch & SweepPatch & ReadingPatch,
  events: TicketEventDraft[],
  now: Date,
): Promise<TicketRecord> {
  const set = Object.fromEntries(Object.entries({ ...patch, updatedAt: now }).filter(([, value]) => value !== undefined));
  const row = await tx.query.updateTable("Ticket").set(set).where("number", "=", number).returningAll().executeTakeFirst();
  if (!row) throw new Error(`ticket ${number} does not exist`);
  await insertEvents(tx, number, events);
  return asRecord(row);
}

export async function addFollower(tx: Tx, number: number, memberId: string, text: string | null, event: TicketEventDraft): Promise<number> {
  await tx.query.insertInto("TicketFollower").values({ ticketNumber: number, memberId, text, at: event.at }).execute();
  await insertEvents(tx, number, [event]);
  await tx.query.updateTable("Ticket").set({ updatedAt: event.at }).where("number", "=", number).execute();
  const { count } = await tx.query
    .selectFrom("TicketFollower")
    .select((eb) => eb.fn.countAll<number>().as("count"))
    .where("ticketNumber", "=", number)
    .executeTakeFirstOrThrow();
  return count;
}

const OPEN: readonly TicketStatus[] = [...OPEN_STATUSES];

/** The candidates read, compiled once per shape: which of building, unit and room the report names. */
const candidateQuery = new CompiledOnce((q, [unitId, since, building, unitNo, room]: [string, Date, string | null, string | null, string | null], shape) => {
  const named = new Set(shape.split(","));
  const samePlace = (place: "named" | "none" | "any") => {
    let query = q.selectFrom("Ticket").selectAll().where("unitId", "=", unitId).where("createdAt", ">=", since).where("status", "in", openStatusList());
    if (named.has("unitNo")) query = query.where((eb) => eb.or([eb("unitNo", "is", null), eb("unitNo", "=", unitNo!)]));
    if (named.has("room")) query = query.where((eb) => eb.or([eb("room", "is", null), eb("room", "=", room!)]));
    if (place === "named") query = query.where("building", "=", building!);
    if (place === "none") query = query.where("building", "is", null);
    return query;
  };
  // With a building named, its tickets and those naming none, each read through (unitId, building, createdAt).
  return named.has("building")
    ? q
        .selectFrom(samePlace("named").unionAll(samePlace("none")).as("candidate"))
        .selectAll()
        .orderBy("number", "desc")
        .limit(rowCount(500))
    : samePlace("any").orderBy("number", "desc").limit(rowCount(500));
});

/**
 * Open tickets of one estate reported since `since`: the candidates for 附议. Where the report names a
 * building, unit or room, tickets naming a different one are different matters (see domain/duplicates.ts)
 * and are left in the database; the newest 500 at most.
 */
export async function duplicateCandidates(
  client: Client,
  match: { unitId: string; since: Date; building?: string | null; unitNo?: string | null; room?: string | null },
): Promise<TicketRecord[]> {
  const shape = [match.building ? "building" : "", match.unitNo ? "unitNo" : "", match.room ? "room" : ""].join(",");
  const { rows } = await candidateQuery.execute(client, [match.unitId, match.since, match.building ?? null, match.unitNo ?? null, match.room ?? null], shape);
  return rows.map(asRecord);
}

/** Tickets a member reported, follows or is assigned, open ones first, newest first. */
export async function ticketsOfMember(client: Client, memberId: string, limit: number): Promise<TicketRecord[]> {
  const rows = await client.query
    .selectFrom("Ticket")
    .selectAll()
    .where((eb) =>
      eb.or([
        eb("reporterId", "=", memberId),
        eb("assigneeId", "=", memberId),
        eb.exists(
          eb
            .selectFrom("TicketFollower")
            .select("TicketFollower.memberId")
            .whereRef("TicketFollower.ticketNumber", "=", "Ticket.number")
            .where("TicketFollower.memberId", "=", memberId),
        ),
      ]),
    )
    .orderBy("number", "desc")
    .limit(rowCount(50))
    .execute();
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
  if (!unitIds.length) return { tickets: [], total: 0 };
  const units = [...unitIds];
  const inUnits = client.query.selectFrom("Ticket").where("unitId", "in", units);
  const [reported, inHand, counted] = await Promise.all([
    inUnits.selectAll().where("status", "=", "reported").orderBy("acceptDueAt").orderBy("number").limit(rowCount(limit)).execute(),
    inUnits
      .selectAll()
      .where("status", "in", statusList(OPEN.filter((status) => status !== "reported")))
      .orderBy("resolveDueAt")
      .orderBy("acceptDueAt")
      .orderBy("number")
      .limit(rowCount(limit))
      .execute(),
    inUnits
      .select((eb) => eb.fn.countAll<number>().as("count"))
      .where("status", "in", openStatusList())
      .executeTakeFirstOrThrow(),
  ]);
  const pressing = (ticket: TicketRecord) => (ticket.status === "reported" ? ticket.acceptDueAt : ticket.resolveDueAt).getTime();
  return {
    tickets: [...reported, ...inHand]
      .map(asRecord)
      .sort((a, b) => pressing(a) - pressing(b) || a.acceptDueAt.getTime() - b.acceptDueAt.getTime() || a.number - b.number)
      .slice(0, limit),
    total: counted.count,
  };
}

export async function lastEventOf(client: Client, number: number) {
  const row = await client.query
    .selectFrom("TicketEvent")
    .selectAll()
    .where("ticketNumber", "=", number)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(rowCount(1))
    .executeTakeFirst();
  return row ?? null;
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
  if (filters.unitIds && !filters.unitIds.length) return { tickets: [], total: 0 };
  let where = client.query.selectFrom("Ticket");
  if (filters.status) where = where.where("status", "=", filters.status);
  if (filters.unitIds) where = where.where("unitId", "in", filters.unitIds);
  if (filters.groupId) where = where.where("groupId", "=", filters.groupId);
  if (filters.category) where = where.where("category", "=", filters.category);
  if (filters.colour) where = where.where("colour", "=", filters.colour);
  const [rows, counted] = await Promise.all([
    where.selectAll().orderBy("number", "desc").limit(rowCount(filters.limit)).offset(rowCount(filters.offset)).execute(),
    where.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return { tickets: rows.map(asRecord), total: counted.count };
}

/** A ticket with its whole file: history (oldest first), followers and attachments. */
export async function ticketFile(client: Client, number: number) {
  const ticket = await findTicket(client, number);
  if (!ticket) return null;
  const [events, followers, attachments] = await Promise.all([
    client.query.selectFrom("TicketEvent").selectAll().where("ticketNumber", "=", number).orderBy("at").orderBy("id").execute(),
    client.query.selectFrom("TicketFollower").selectAll().where("ticketNumber", "=", number).orderBy("at").execute(),
    client.query.selectFrom("Attachment").selectAll().where("ticketNumber", "=", number).orderBy("id").execute(),
  ]);
  return { ...ticket, events, followers, attachments };
}

export function recentEventsOf(client: Client, number: number, take: number) {
  return client.query
    .selectFrom("TicketEvent")
    .selectAll()
    .where("ticketNumber", "=", number)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(rowCount(take))
    .execute();
}

/** Tickets of the given units reported in [from, to). */
export async function ticketsReportedBetween(client: Client, unitIds: readonly string[], from: Date, to: Date): Promise<TicketRecord[]> {
  if (!unitIds.length) return [];
  const rows = await client.query
    .selectFrom("Ticket")
    .selectAll()
    .where("unitId", "in", [...unitIds])
    .where("createdAt", ">=", from)
    .where("createdAt", "<", to)
    .orderBy("number")
    .execute();
  return rows.map(asRecord);
}

export async function addTicketEvents(tx: Tx, number: number, events: TicketEventDraft[]): Promise<void> {
  await insertEvents(tx, number, events);
}

/** A ticket's followers with their names and the words they reported in, oldest first. */
export async function followersWithNames(client: Client, number: number) {
  const rows = await client.query
    .selectFrom("TicketFollower")
    .leftJoin("Member", "Member.id", "TicketFollower.memberId")
    .select(["TicketFollower.memberId", "Member.name", "TicketFollower.text"])
    .where("TicketFollower.ticketNumber", "=", number)
    .orderBy("TicketFollower.at")
    .execute();
  return rows.map((row) => ({ memberId: row.memberId, name: row.name ?? row.memberId, text: row.text }));
}

export async function removeFollower(tx: Tx, number: number, memberId: string): Promise<void> {
  const result = await tx.query.deleteFrom("TicketFollower").where("ticketNumber", "=", number).where("memberId", "=", memberId).executeTakeFirst();
  if (Number(result.numDeletedRows) !== 1) throw new Error(`member ${memberId} does not follow ticket ${number}`);
}
