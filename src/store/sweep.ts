import { sql } from "kysely";
import type { Role } from "../domain/types.ts";
import { openStatusList } from "./literals.ts";
import type { TicketEventDraft } from "../domain/ticketMachine.ts";
import type { Database, Tx } from "./database.ts";
import { insertRows } from "./rows.ts";
import { queueTicketWebhooks } from "./webhookDeliveries.ts";
import type { SweepPatch, TicketRecord } from "./tickets.ts";
import type { TicketPatch } from "../domain/ticketMachine.ts";

type Client = Database;

/**
 * Reads and writes of the SLA sweep, a batch of tickets at a time: each read answers for every ticket of
 * the batch in one statement, and its tickets are changed a few statements at a time, so a batch costs a
 * handful of statements whatever its size.
 */

function appendTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/**
 * The numbers, in order, of the tickets that may be due for a sweep action as of `now`: open ones past a
 * deadline, and ones resolved at or before `resolvedBefore` (the earliest a rating reminder or auto-close
 * can be due). A superset of what is due, read from the (status, deadline) indexes alone; the sweep's rules
 * decide. A county's not-yet-due tickets are never read.
 */
export async function ticketNumbersDueForSweep(client: Client, now: Date, resolvedBefore: Date): Promise<number[]> {
  const rows = await client.query
    .selectFrom("Ticket")
    .select("number")
    .where((eb) =>
      eb.or([
        eb.and([eb("status", "in", openStatusList()), eb("resolveDueAt", "<", now)]),
        eb.and([eb("status", "=", "reported"), eb("acceptDueAt", "<", now)]),
        eb.and([eb("status", "=", "resolved"), eb("resolvedAt", "<=", resolvedBefore)]),
      ]),
    )
    .orderBy("number")
    .execute();
  return rows.map((row) => row.number);
}

/** The given tickets, whole, in number order. */
export async function ticketsByNumbers(client: Client, numbers: readonly number[]): Promise<TicketRecord[]> {
  if (numbers.length === 0) return [];
  const rows = await client.query
    .selectFrom("Ticket")
    .selectAll()
    .where("number", "in", [...numbers])
    .orderBy("number")
    .execute();
  return rows as TicketRecord[];
}

/** Members holding one of `roles` in the given groups, as (group, member) pairs ordered by member id. */
export async function roleHoldersInGroups(
  client: Client,
  groupIds: readonly string[],
  roles: readonly Role[],
): Promise<{ groupId: string; memberId: string }[]> {
  if (groupIds.length === 0 || roles.length === 0) return [];
  return await client.query
    .selectFrom("Membership")
    .select(["groupId", "memberId"])
    .where("groupId", "in", [...groupIds])
    .where("role", "in", [...roles])
    .orderBy("memberId")
    .orderBy("groupId")
    .execute();
}

export interface RecentEvent {
  ticketNumber: number;
  type: string;
  actorName: string;
  note: string | null;
  at: Date;
}

/**
 * The latest `take` events of each ticket, newest first (as `recentEventsOf` gives one ticket's). A window
 * function (SQLite ≥ 3.25 and PostgreSQL alike) keeps a long history from being read whole.
 */
export async function recentEventsOfTickets(client: Client, numbers: readonly number[], take: number): Promise<Map<number, RecentEvent[]>> {
  const byTicket = new Map<number, RecentEvent[]>();
  if (numbers.length === 0) return byTicket;
  const ranked = client.query
    .selectFrom("TicketEvent")
    .select(["ticketNumber", "type", "actorName", "note", "at", "id"])
    .select((eb) =>
      eb.fn
        .agg<number>("row_number")
        .over((over) => over.partitionBy("ticketNumber").orderBy("at", "desc").orderBy("id", "desc"))
        .as("recency"),
    )
    .where("ticketNumber", "in", [...numbers])
    .as("recent");
  const rows = await client.query
    .selectFrom(ranked)
    .select(["ticketNumber", "type", "actorName", "note", "at"])
    .where("recency", "<=", take)
    .orderBy("ticketNumber")
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .execute();
  for (const row of rows) appendTo(byTicket, row.ticketNumber, row);
  return byTicket;
}

/** Each ticket's followers' member ids (in the order `followerIdsOf` reads one ticket's). */
export async function followerIdsOfTickets(client: Client, numbers: readonly number[]): Promise<Map<number, string[]>> {
  const byTicket = new Map<number, string[]>();
  if (numbers.length === 0) return byTicket;
  const rows = await client.query
    .selectFrom("TicketFollower")
    .select(["ticketNumber", "memberId"])
    .where("ticketNumber", "in", [...numbers])
    .orderBy("ticketNumber")
    .orderBy("memberId")
    .execute();
  for (const row of rows) appendTo(byTicket, row.ticketNumber, row.memberId);
  return byTicket;
}

/** The 评价 events of the given tickets: who rated, and when. */
export async function ratingsOfTickets(client: Client, numbers: readonly number[]): Promise<Map<number, { actorId: string | null; at: Date }[]>> {
  const byTicket = new Map<number, { actorId: string | null; at: Date }[]>();
  if (numbers.length === 0) return byTicket;
  const rows = await client.query
    .selectFrom("TicketEvent")
    .select(["ticketNumber", "actorId", "at"])
    .where("ticketNumber", "in", [...numbers])
    .where("type", "=", "rated")
    .orderBy("id")
    .execute();
  for (const row of rows) appendTo(byTicket, row.ticketNumber, { actorId: row.actorId, at: row.at });
  return byTicket;
}

/** Display names of the given members by id (those unknown are left out). */
export async function memberNamesById(client: Client, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.query
    .selectFrom("Member")
    .select(["id", "name"])
    .where("id", "in", [...new Set(ids)])
    .execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface ClaimedChange {
  ticket: Pick<TicketRecord, "number" | "updatedAt">;
  patch: TicketPatch & SweepPatch;
}

/** Columns a patch may set (the keys of TicketPatch and SweepPatch). */
const PATCHABLE =
  /^(status|level|handlingUnitId|assigneeName|assigneeId|outcome|resultNote|rating|ratingComment|acceptDueAt|resolveDueAt|acceptedAt|resolvedAt|closedAt|lastChasedAt|ratingRemindedAt|suggestedDepartment|markedForMeetingAt)$/;

/** Tickets one UPDATE claims at most (two bound values each, well under both databases' limits). */
const CLAIM_CHUNK = 500;
/** Tickets one UPDATE … FROM (VALUES …) changes at most (a dozen bound values each at most). */
const VALUES_CHUNK = 200;

type PatchSet = Record<string, unknown>;

/**
 * Writes each ticket's patch only if the ticket is still as it was read (`updatedAt` unchanged: nobody else
 * acted on it since), and returns the numbers of the tickets changed. A batch costs a few statements, not
 * one per ticket (on PostgreSQL each statement is a round trip): tickets whose patches set the same values
 * (every chase of a run, every auto-close) are changed by one UPDATE that names each (number, updatedAt) pair
 * it may change; patches that set the same columns to different values (escalations: each to its own unit,
 * with its colour's deadlines and its suggested department) by one UPDATE … FROM (VALUES …), a row per ticket
 * with its number, the `updatedAt` read and its values. Either way a ticket changed meanwhile matches no row
 * and is left out, as it would be alone.
 */
export async function claimAndPatchTickets(tx: Tx, changes: readonly ClaimedChange[], now: Date): Promise<Set<number>> {
  const claimed = new Set<number>();
  // Patches by the columns they set, then by the values they set them to.
  type Alike = { set: PatchSet; tickets: ClaimedChange["ticket"][] };
  const byColumns = new Map<string, { columns: string[]; bySet: Map<string, Alike> }>();
  for (const { ticket, patch } of changes) {
    const entries = Object.entries(patch)
      .filter(([, value]) => value !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    for (const [column] of entries) if (!PATCHABLE.test(column)) throw new Error(`not a ticket column a sweep may set: ${column}`);
    const columns = entries.map(([column]) => column);
    const shapeKey = JSON.stringify(columns);
    const shape = byColumns.get(shapeKey) ?? { columns, bySet: new Map<string, Alike>() };
    byColumns.set(shapeKey, shape);
    const key = JSON.stringify(entries);
    const same = shape.bySet.get(key);
    if (same) same.tickets.push(ticket);
    else shape.bySet.set(key, { set: Object.fromEntries(entries), tickets: [ticket] });
  }
  for (const { columns, bySet } of byColumns.values()) {
    const sets = [...bySet.values()];
    if (sets.length === 1) {
      for (const number of await patchAlike(tx, sets[0]!.set, sets[0]!.tickets, now)) claimed.add(number);
      continue;
    }
    const rows = sets.flatMap(({ set, tickets }) => tickets.map((ticket) => ({ ticket, set })));
    for (let start = 0; start < rows.length; start += VALUES_CHUNK) {
      for (const number of await patchEach(tx, columns, rows.slice(start, start + VALUES_CHUNK), now)) claimed.add(number);
    }
  }
  return claimed;
}

/** Sets the same values on every ticket still as read; the numbers of those changed. */
async function patchAlike(tx: Tx, set: PatchSet, tickets: readonly ClaimedChange["ticket"][], now: Date): Promise<number[]> {
  const changed: number[] = [];
  for (let start = 0; start < tickets.length; start += CLAIM_CHUNK) {
    const chunk = tickets.slice(start, start + CLAIM_CHUNK);
    const rows = await tx.query
      .updateTable("Ticket")
      .set({ ...set, updatedAt: now })
      // The number's index finds the rows; the pairs keep only those unchanged since they were read.
      .where(
        "number",
        "in",
        chunk.map((ticket) => ticket.number),
      )
      .where((eb) =>
        eb(
          eb.refTuple("number", "updatedAt"),
          "in",
          chunk.map((ticket) => eb.tuple(ticket.number, ticket.updatedAt)),
        ),
      )
      .returning("number")
      .execute();
    changed.push(...rows.map((row) => row.number));
  }
  return changed;
}

/**
 * Sets each ticket's own values of `columns` on those still as read, in one statement: a column whose value
 * is the same for every row is set as a constant, the others from the row's VALUES (`column1`, `column2`, …,
 * the names both databases give a VALUES list's columns). PostgreSQL types a VALUES list from its values, so
 * there each is cast to its column's type; SQLite compares and stores them as given.
 */
async function patchEach(
  tx: Tx,
  columns: readonly string[],
  rows: readonly { ticket: ClaimedChange["ticket"]; set: PatchSet }[],
  now: Date,
): Promise<number[]> {
  const constant = columns.filter((column) => rows.every((row) => sameValue(row.set[column], rows[0]!.set[column])));
  const varying = columns.filter((column) => !constant.includes(column));
  const postgres = tx.dialect === "postgres";
  const typed = (value: unknown, type: "integer" | "text" | "timestamptz") => (postgres ? sql`CAST(${value} AS ${sql.raw(type)})` : sql`${value}`);
  const columnType = (column: string) => (column.endsWith("At") ? "timestamptz" : "text");
  const values = sql.join(
    rows.map(
      ({ ticket, set }) =>
        sql`(${sql.join([typed(ticket.number, "integer"), typed(ticket.updatedAt, "timestamptz"), ...varying.map((column) => typed(set[column] ?? null, columnType(column)))])})`,
    ),
  );
  const assignments = sql.join([
    ...constant.map((column) => sql`${sql.ref(column)} = ${rows[0]!.set[column] ?? null}`),
    ...varying.map((column, i) => sql`${sql.ref(column)} = "v".${sql.ref(`column${i + 3}`)}`),
    sql`"updatedAt" = ${now}`,
  ]);
  const { rows: changed } = await sql<{ number: number }>`UPDATE "Ticket" SET ${assignments}
    FROM (VALUES ${values}) AS "v"
    WHERE "Ticket"."number" = "v"."column1" AND "Ticket"."updatedAt" = "v"."column2"
    RETURNING "Ticket"."number"`.execute(tx.query);
  return changed.map((row) => Number(row.number));
}

function sameValue(a: unknown, b: unknown): boolean {
  return a instanceof Date && b instanceof Date ? a.getTime() === b.getTime() : a === b;
}

/** Adds events to tickets' histories, in a few multi-row statements. */
export async function addEventsInBulk(tx: Tx, events: readonly (TicketEventDraft & { ticketNumber: number })[]): Promise<void> {
  await insertRows(tx, "TicketEvent", events);
  // The webhooks' outbox, in the same transaction as the history it tells of.
  await queueTicketWebhooks(tx, events);
}
