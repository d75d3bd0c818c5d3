import type { Selectable } from "kysely";
import { OPEN_STATUSES, type TicketStatus } from "../domain/types.ts";
import type { Database, Tx } from "./database.ts";
import { rowCount } from "./literals.ts";
import type { Open311KeyTable, Open311ReportTable } from "./schema.ts";
import type { TicketRecord } from "./tickets.ts";
import type { GroupRecord } from "./org.ts";

type Client = Database;

export type Open311KeyRecord = Selectable<Open311KeyTable>;

export async function insertOpen311Key(
  client: Client,
  key: { name: string; unitId: string; keyHash: string; perMinute: number; createdAt: Date },
): Promise<Open311KeyRecord> {
  return client.query
    .insertInto("Open311Key")
    .values({ ...key, revokedAt: null, lastUsedAt: null })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** The keys' records are made before their hashes are known (the id is part of the key): set it once. */
export async function setOpen311KeyHash(client: Client, id: number, keyHash: string): Promise<void> {
  await client.query.updateTable("Open311Key").set({ keyHash }).where("id", "=", id).where("keyHash", "=", "").execute();
}

export async function findOpen311Key(client: Client, id: number): Promise<Open311KeyRecord | null> {
  return (await client.query.selectFrom("Open311Key").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

export async function listOpen311Keys(client: Client): Promise<Open311KeyRecord[]> {
  return client.query.selectFrom("Open311Key").selectAll().orderBy("id", "asc").execute();
}

/** Revokes a key (once: the first revocation's instant is kept). Null when there is no such key. */
export async function revokeOpen311Key(client: Client, id: number, now: Date): Promise<Open311KeyRecord | null> {
  await client.query.updateTable("Open311Key").set({ revokedAt: now }).where("id", "=", id).where("revokedAt", "is", null).execute();
  return findOpen311Key(client, id);
}

/**
 * Counts one request of a key in the minute starting at `windowStart` and answers the minute's count so far,
 * this one included: one statement, so instances sharing the database count together. A new minute clears
 * the key's minutes older than an hour.
 */
export async function countOpen311Request(client: Client, keyId: number, windowStart: Date, now: Date): Promise<number> {
  const row = await client.query
    .insertInto("Open311Usage")
    .values({ keyId, windowStart, count: 1 })
    .onConflict((conflict) => conflict.columns(["keyId", "windowStart"]).doUpdateSet((eb) => ({ count: eb("Open311Usage.count", "+", 1) })))
    .returning("count")
    .executeTakeFirstOrThrow();
  if (row.count === 1) {
    await client.query
      .deleteFrom("Open311Usage")
      .where("keyId", "=", keyId)
      .where("windowStart", "<", new Date(now.getTime() - 3_600_000))
      .execute();
    await client.query.updateTable("Open311Key").set({ lastUsedAt: now }).where("id", "=", keyId).execute();
  }
  return row.count;
}

export interface Open311TicketQuery {
  unitIds: readonly string[];
  numbers?: readonly number[];
  categories?: readonly string[];
  status?: "open" | "closed";
  from?: Date;
  to?: Date;
  limit: number;
  offset: number;
}

/** Tickets of the given units by the Open311 filters, newest first, and how many match in all. */
export async function open311Tickets(client: Client, query: Open311TicketQuery): Promise<{ tickets: TicketRecord[]; total: number }> {
  if (!query.unitIds.length || query.numbers?.length === 0 || query.categories?.length === 0) return { tickets: [], total: 0 };
  const open: TicketStatus[] = [...OPEN_STATUSES];
  let where = client.query.selectFrom("Ticket").where("unitId", "in", [...query.unitIds]);
  if (query.numbers) where = where.where("number", "in", [...query.numbers]);
  if (query.categories) where = where.where("category", "in", [...query.categories]);
  if (query.status === "open") where = where.where("status", "in", open);
  if (query.status === "closed") where = where.where("status", "not in", open);
  if (query.from) where = where.where("createdAt", ">=", query.from);
  if (query.to) where = where.where("createdAt", "<=", query.to);
  const [rows, counted] = await Promise.all([
    where.selectAll().orderBy("createdAt", "desc").orderBy("number", "desc").limit(rowCount(query.limit)).offset(rowCount(query.offset)).execute(),
    where.select((eb) => eb.fn.countAll<number>().as("count")).executeTakeFirstOrThrow(),
  ]);
  return { tickets: rows as TicketRecord[], total: Number(counted.count) };
}

/** A report filed through Open311, as stored: every column but the id. */
export type Open311ReportDraft = Omit<Selectable<Open311ReportTable>, "id">;

export async function recordOpen311Report(tx: Tx, report: Open311ReportDraft): Promise<void> {
  await tx.query.insertInto("Open311Report").values(report).execute();
}

export async function open311ReportsOf(client: Client, ticketNumber: number) {
  return client.query.selectFrom("Open311Report").selectAll().where("ticketNumber", "=", ticketNumber).orderBy("id", "asc").execute();
}

/** The residents' groups bound to a unit, oldest first: where an Open311 report of that estate is filed. */
export async function residentsGroupsOfUnit(client: Client, unitId: string): Promise<GroupRecord[]> {
  const rows = await client.query
    .selectFrom("Group")
    .selectAll()
    .where("unitId", "=", unitId)
    .where("kind", "=", "residents")
    .orderBy("createdAt", "asc")
    .orderBy("id", "asc")
    .execute();
  return rows;
}

/** The names of the people a ticket's words may name: its reporter and followers (by ticket number). */
export async function peopleOfTickets(client: Client, numbers: readonly number[]): Promise<Map<number, string[]>> {
  const people = new Map<number, string[]>();
  if (!numbers.length) return people;
  const [reporters, followers] = await Promise.all([
    client.query
      .selectFrom("Ticket")
      .innerJoin("Member", "Member.id", "Ticket.reporterId")
      .select(["Ticket.number as number", "Member.name as name"])
      .where("Ticket.number", "in", [...numbers])
      .execute(),
    client.query
      .selectFrom("TicketFollower")
      .innerJoin("Member", "Member.id", "TicketFollower.memberId")
      .select(["TicketFollower.ticketNumber as number", "Member.name as name"])
      .where("TicketFollower.ticketNumber", "in", [...numbers])
      .execute(),
  ]);
  for (const { number, name } of [...reporters, ...followers]) people.set(number, [...(people.get(number) ?? []), name]);
  return people;
}
