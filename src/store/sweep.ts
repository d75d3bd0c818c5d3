import type { Role, TicketStatus } from "../domain/types.ts";
import type { TicketEventDraft } from "../domain/ticketMachine.ts";
import { statementsOf, type Database, type Tx } from "./database.ts";
import { Prisma } from "./generated/client.ts";
import { toDbDate } from "./connection.ts";
import { insertRecords } from "./rows.ts";
import type { SweepPatch, TicketRecord } from "./tickets.ts";
import type { TicketPatch } from "../domain/ticketMachine.ts";

type Client = Database | Tx;

/**
 * Reads and writes of the SLA sweep, a batch of tickets at a time: each read answers for every ticket of
 * the batch in one statement, so a batch costs a handful of statements plus one update per ticket.
 */

const OPEN: TicketStatus[] = ["reported", "accepted", "assigned"];

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
  const rows = await client.ticket.findMany({
    where: {
      OR: [
        { status: { in: OPEN }, resolveDueAt: { lt: now } },
        { status: "reported", acceptDueAt: { lt: now } },
        { status: "resolved", resolvedAt: { lte: resolvedBefore } },
      ],
    },
    select: { number: true },
    orderBy: { number: "asc" },
  });
  return rows.map((row) => row.number);
}

/** The given tickets, whole, in number order. */
export async function ticketsByNumbers(client: Client, numbers: readonly number[]): Promise<TicketRecord[]> {
  if (numbers.length === 0) return [];
  const rows = await client.ticket.findMany({ where: { number: { in: [...numbers] } }, orderBy: { number: "asc" } });
  return rows as TicketRecord[];
}

/** Members holding one of `roles` in the given groups, as (group, member) pairs ordered by member id. */
export async function roleHoldersInGroups(
  client: Client,
  groupIds: readonly string[],
  roles: readonly Role[],
): Promise<{ groupId: string; memberId: string }[]> {
  if (groupIds.length === 0) return [];
  return client.membership.findMany({
    where: { groupId: { in: [...groupIds] }, role: { in: [...roles] } },
    select: { groupId: true, memberId: true },
    orderBy: [{ memberId: "asc" }, { groupId: "asc" }],
  });
}

export interface RecentEvent {
  ticketNumber: number;
  type: string;
  actorName: string;
  note: string | null;
  at: Date;
}

type RecentEventRow = Omit<RecentEvent, "at" | "ticketNumber"> & { ticketNumber: number | bigint; at: Date | string };

/**
 * The latest `take` events of each ticket, newest first (as `recentEventsOf` gives one ticket's). A window
 * function (SQLite ≥ 3.25 and PostgreSQL alike) keeps a long history from being read whole.
 */
export async function recentEventsOfTickets(client: Client, numbers: readonly number[], take: number): Promise<Map<number, RecentEvent[]>> {
  const byTicket = new Map<number, RecentEvent[]>();
  if (numbers.length === 0) return byTicket;
  const rows = await client.$queryRaw<RecentEventRow[]>(Prisma.sql`
    SELECT ticketNumber, type, actorName, note, at FROM (
      SELECT ticketNumber, type, actorName, note, at, id,
        ROW_NUMBER() OVER (PARTITION BY ticketNumber ORDER BY at DESC, id DESC) AS recency
      FROM TicketEvent WHERE ticketNumber IN (${Prisma.join([...numbers])})
    ) AS recent
    WHERE recency <= ${take}
    ORDER BY ticketNumber, at DESC, id DESC`);
  for (const row of rows) {
    const event: RecentEvent = { ...row, ticketNumber: Number(row.ticketNumber), at: new Date(row.at) };
    appendTo(byTicket, event.ticketNumber, event);
  }
  return byTicket;
}

/** Each ticket's followers' member ids (in the order `followerIdsOf` reads one ticket's). */
export async function followerIdsOfTickets(client: Client, numbers: readonly number[]): Promise<Map<number, string[]>> {
  const byTicket = new Map<number, string[]>();
  if (numbers.length === 0) return byTicket;
  const rows = await client.ticketFollower.findMany({
    where: { ticketNumber: { in: [...numbers] } },
    select: { ticketNumber: true, memberId: true },
    orderBy: [{ ticketNumber: "asc" }, { memberId: "asc" }],
  });
  for (const row of rows) appendTo(byTicket, row.ticketNumber, row.memberId);
  return byTicket;
}

/** The 评价 events of the given tickets: who rated, and when. */
export async function ratingsOfTickets(client: Client, numbers: readonly number[]): Promise<Map<number, { actorId: string | null; at: Date }[]>> {
  const byTicket = new Map<number, { actorId: string | null; at: Date }[]>();
  if (numbers.length === 0) return byTicket;
  const rows = await client.ticketEvent.findMany({
    where: { ticketNumber: { in: [...numbers] }, type: "rated" },
    select: { ticketNumber: true, actorId: true, at: true },
  });
  for (const row of rows) appendTo(byTicket, row.ticketNumber, { actorId: row.actorId, at: row.at });
  return byTicket;
}

/** Display names of the given members by id (those unknown are left out). */
export async function memberNamesById(client: Client, ids: readonly string[]): Promise<Map<string, string>> {
  if (ids.length === 0) return new Map();
  const rows = await client.member.findMany({ where: { id: { in: [...new Set(ids)] } }, select: { id: true, name: true } });
  return new Map(rows.map((row) => [row.id, row.name]));
}

export interface ClaimedChange {
  ticket: Pick<TicketRecord, "number" | "updatedAt">;
  patch: TicketPatch & SweepPatch;
}

type PatchValue = string | number | null;
const sqlValue = (value: unknown): PatchValue => (value instanceof Date ? toDbDate(value) : ((value ?? null) as PatchValue));
/** Columns a patch may set (the keys of TicketPatch and SweepPatch): nothing else reaches the SQL text. */
const PATCHABLE =
  /^(status|level|handlingUnitId|assigneeName|assigneeId|outcome|resultNote|rating|ratingComment|acceptDueAt|resolveDueAt|acceptedAt|resolvedAt|closedAt|lastChasedAt|ratingRemindedAt|suggestedDepartment|markedForMeetingAt)$/;

/**
 * Writes each ticket's patch only if the ticket is still as it was read (`updatedAt` unchanged: nobody else
 * acted on it since), and returns the numbers of the tickets changed.
 *
 * Changes that set the same columns go in one statement, `UPDATE … FROM (VALUES …) … RETURNING` (SQLite
 * ≥ 3.35 and PostgreSQL; there the VALUES would need casts to timestamp), instead of one per ticket.
 */
export async function claimAndPatchTickets(tx: Tx, changes: readonly ClaimedChange[], now: Date): Promise<Set<number>> {
  const claimed = new Set<number>();
  const byShape = new Map<string, ClaimedChange[]>();
  for (const change of changes) {
    const shape = Object.keys(change.patch)
      .filter((column) => change.patch[column as keyof ClaimedChange["patch"]] !== undefined)
      .sort()
      .join(",");
    appendTo(byShape, shape, change);
  }
  for (const [shape, group] of byShape) {
    const columns = shape ? shape.split(",") : [];
    for (const column of columns) if (!PATCHABLE.test(column)) throw new Error(`not a ticket column a sweep may set: ${column}`);
    // VALUES columns are named column1, column2, … (SQLite and PostgreSQL alike): the number, the seen updatedAt, then the patch.
    const assignments = Prisma.raw(columns.map((column, i) => `"${column}" = v.column${i + 3}, `).join(""));
    const rows = Prisma.join(
      group.map(
        ({ ticket, patch }) =>
          Prisma.sql`(${Prisma.join([ticket.number, toDbDate(ticket.updatedAt), ...columns.map((column) => sqlValue(patch[column as keyof typeof patch]))])})`,
      ),
    );
    const changed = await tx.$queryRaw<{ number: number | bigint }[]>(Prisma.sql`
      UPDATE Ticket SET ${assignments}"updatedAt" = ${toDbDate(now)}
      FROM (VALUES ${rows}) AS v
      WHERE Ticket.number = v.column1 AND Ticket.updatedAt = v.column2
      RETURNING number`);
    for (const row of changed) claimed.add(Number(row.number));
  }
  return claimed;
}

/** Adds events to tickets' histories, in a few multi-row statements. */
export async function addEventsInBulk(tx: Tx, events: readonly (TicketEventDraft & { ticketNumber: number })[]): Promise<void> {
  insertRecords(await statementsOf(tx), "TicketEvent", events);
}
