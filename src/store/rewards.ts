import { sql, type Selectable } from "kysely";
import { PENDING_MEETING_STATUS, PENDING_TICKET_STATUSES, SETTLING_TICKET_EVENT, type OrderStatus, type SpendableEntry } from "../domain/rewards.ts";
import type { TicketStatus } from "../domain/types.ts";
import type { Database, Tx } from "./database.ts";
import { rowCount } from "./literals.ts";
import type { RewardItemTable, RewardItemChangeTable, RewardOrderTable } from "./schema.ts";

type Client = Database;

export type RewardItemRecord = Selectable<RewardItemTable>;
export type RewardItemChangeRecord = Selectable<RewardItemChangeTable>;
export type RewardOrderRecord = Selectable<RewardOrderTable> & { status: OrderStatus };

/** What staff set on an item: its table's columns but the unit, the times and the id. */
export type RewardItemFields = Omit<Selectable<RewardItemTable>, "id" | "unitId" | "retiredAt" | "createdAt" | "updatedAt">;

export async function insertRewardItem(tx: Tx, unitId: string, fields: RewardItemFields, at: Date): Promise<RewardItemRecord> {
  return tx.query
    .insertInto("RewardItem")
    .values({ unitId, ...fields, createdAt: at, updatedAt: at })
    .returningAll()
    .executeTakeFirstOrThrow();
}

/** Changes an item's fields; the stock given is what is left to give from now on. */
export async function updateRewardItem(tx: Tx, id: number, fields: Partial<RewardItemFields>, at: Date): Promise<void> {
  await tx.query
    .updateTable("RewardItem")
    .set({ ...fields, updatedAt: at })
    .where("id", "=", id)
    .execute();
}

export async function retireRewardItem(tx: Tx, id: number, at: Date): Promise<boolean> {
  const result = await tx.query
    .updateTable("RewardItem")
    .set({ retiredAt: at, updatedAt: at })
    .where("id", "=", id)
    .where("retiredAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function recordItemChange(tx: Tx, change: Omit<RewardItemChangeRecord, "id">): Promise<void> {
  await tx.query.insertInto("RewardItemChange").values(change).execute();
}

export function itemChanges(client: Client, itemId: number) {
  return client.query
    .selectFrom("RewardItemChange as C")
    .leftJoin("Member as M", "M.id", "C.memberId")
    .select(["C.id", "C.action", "C.detail", "C.at", "M.name as by"])
    .where("C.itemId", "=", itemId)
    .orderBy("C.at", "desc")
    .orderBy("C.id", "desc")
    .execute();
}

export async function findRewardItem(client: Client, id: number): Promise<RewardItemRecord | null> {
  return (await client.query.selectFrom("RewardItem").selectAll().where("id", "=", id).executeTakeFirst()) ?? null;
}

/** The items the units offer (retired ones only when asked), by unit then name, with their hand-over person's name. */
export async function rewardItemsOf(
  client: Client,
  unitIds: readonly string[],
  options: { retired: boolean },
): Promise<(RewardItemRecord & { handOverName: string | null })[]> {
  if (!unitIds.length) return [];
  let query = client.query
    .selectFrom("RewardItem")
    .leftJoin("Member as H", "H.id", "RewardItem.handOverMemberId")
    .selectAll("RewardItem")
    .select("H.name as handOverName")
    .where("RewardItem.unitId", "in", [...unitIds]);
  if (!options.retired) query = query.where("RewardItem.retiredAt", "is", null);
  return query.orderBy("RewardItem.unitId").orderBy("RewardItem.name").orderBy("RewardItem.id").execute();
}

/**
 * Takes `quantity` off an item's stock if that much is left and it is not retired: one conditional statement,
 * so of two residents racing for the last one, exactly one takes it (on either database).
 */
export async function takeStock(tx: Tx, itemId: number, quantity: number): Promise<boolean> {
  const result = await tx.query
    .updateTable("RewardItem")
    .set((eb) => ({ stock: eb("stock", "-", quantity) }))
    .where("id", "=", itemId)
    .where("stock", ">=", quantity)
    .where("retiredAt", "is", null)
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

export async function returnStock(tx: Tx, itemId: number, quantity: number): Promise<void> {
  await tx.query
    .updateTable("RewardItem")
    .set((eb) => ({ stock: eb("stock", "+", quantity) }))
    .where("id", "=", itemId)
    .execute();
}

const SPENDING_LOCK = 23_023;

/**
 * Makes one member's spending wait for another of theirs in flight, so two orders at once cannot both spend
 * the same points: SQLite's write transactions are already one at a time (BEGIN IMMEDIATE); PostgreSQL's
 * READ COMMITTED ones take a lock on the member for the rest of the transaction.
 */
export async function lockMemberSpending(tx: Tx, memberId: string): Promise<void> {
  if (tx.dialect === "postgres") await sql`SELECT pg_advisory_xact_lock(${sql.lit(SPENDING_LOCK)}, hashtext(${memberId}))`.execute(tx.query);
}

/** Whether the entry's ticket was ever resolved (办结): the history event that settles a report's points. */
const everResolved = sql<boolean>`EXISTS (SELECT 1 FROM "TicketEvent" AS "E" WHERE "E"."ticketNumber" = "PointEntry"."ticketNumber" AND "E"."type" = ${SETTLING_TICKET_EVENT})`;

/**
 * A member's every ledger entry, as the spending rule reads them (domain/rewards.ts memberPoints), with the
 * state of its source: the report's ticket, the meeting.
 */
export async function spendingEntries(client: Client, memberId: string): Promise<SpendableEntry[]> {
  const rows = await client.query
    .selectFrom("PointEntry")
    .leftJoin("Ticket as T", (join) => join.onRef("T.number", "=", "PointEntry.ticketNumber").on("PointEntry.kind", "=", "report_accepted"))
    .leftJoin("Meeting as M", (join) => join.onRef("M.number", "=", "PointEntry.meetingNumber").on("PointEntry.kind", "=", "meeting_attended"))
    .select([
      "PointEntry.points",
      "PointEntry.kind",
      "PointEntry.at",
      "T.status as ticketStatus",
      sql<number>`CASE WHEN "T"."number" IS NOT NULL AND ${everResolved} THEN 1 ELSE 0 END`.as("everResolved"),
      "M.status as meetingStatus",
      "M.startsAt as meetingStartsAt",
    ])
    .where("PointEntry.memberId", "=", memberId)
    .execute();
  return rows.map((row) => ({
    points: row.points,
    kind: row.kind,
    at: row.at,
    ticket: row.ticketStatus ? { status: row.ticketStatus as TicketStatus, everResolved: Number(row.everResolved) === 1 } : null,
    meeting: row.meetingStatus && row.meetingStartsAt ? { status: row.meetingStatus, startsAt: row.meetingStartsAt } : null,
  }));
}

/** Whether a ticket was ever resolved (办结), as the take-back rule asks. */
export async function ticketEverResolved(client: Client, ticketNumber: number): Promise<boolean> {
  const row = await client.query
    .selectFrom("TicketEvent")
    .select("id")
    .where("ticketNumber", "=", ticketNumber)
    .where("type", "=", SETTLING_TICKET_EVENT)
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/**
 * Points pending per unit as of `now` (domain/rewards.ts isPending, said in SQL for a county's many tickets):
 * reports whose ticket is open and was never resolved, 签到 of meetings not yet started.
 */
export async function pendingPointsByUnit(client: Client, unitIds: readonly string[], now: Date): Promise<Map<string, number>> {
  const pending = new Map<string, number>();
  if (!unitIds.length) return pending;
  const reports = client.query
    .selectFrom("PointEntry")
    .innerJoin("Ticket as T", "T.number", "PointEntry.ticketNumber")
    .select(["PointEntry.unitId", sql<number | null>`SUM("PointEntry"."points")`.as("points")])
    .where("PointEntry.unitId", "in", [...unitIds])
    .where("PointEntry.kind", "=", "report_accepted")
    .where("T.status", "in", [...PENDING_TICKET_STATUSES])
    .where(sql<boolean>`NOT ${everResolved}`)
    .groupBy("PointEntry.unitId")
    .execute();
  const meetings = client.query
    .selectFrom("PointEntry")
    .innerJoin("Meeting as M", "M.number", "PointEntry.meetingNumber")
    .select(["PointEntry.unitId", sql<number | null>`SUM("PointEntry"."points")`.as("points")])
    .where("PointEntry.unitId", "in", [...unitIds])
    .where("PointEntry.kind", "=", "meeting_attended")
    .where("M.status", "=", PENDING_MEETING_STATUS)
    .where("M.startsAt", ">", now)
    .groupBy("PointEntry.unitId")
    .execute();
  for (const row of [...(await reports), ...(await meetings)]) pending.set(row.unitId, (pending.get(row.unitId) ?? 0) + Number(row.points ?? 0));
  return pending;
}

/** How many of an item a member has taken since `from` (open and collected orders). */
export async function takenSince(client: Client, itemId: number, memberId: string, from: Date): Promise<number> {
  const row = await client.query
    .selectFrom("RewardOrder")
    .select(sql<number | null>`SUM("quantity")`.as("taken"))
    .where("itemId", "=", itemId)
    .where("memberId", "=", memberId)
    .where("status", "in", ["open", "collected"])
    .where("createdAt", ">=", from)
    .executeTakeFirst();
  return Number(row?.taken ?? 0);
}

export type OrderDraft = Omit<RewardOrderRecord, "id" | "openCode" | "closedAt" | "closedById" | "reason" | "status">;

/** Inserts an open order under its code; null when an open order already holds that code (draw another). */
export async function insertOrder(tx: Tx, order: OrderDraft): Promise<RewardOrderRecord | null> {
  const row = await tx.query
    .insertInto("RewardOrder")
    .values({ ...order, openCode: order.code, status: "open" })
    .onConflict((conflict) => conflict.column("openCode").doNothing())
    .returningAll()
    .executeTakeFirst();
  return (row as RewardOrderRecord | undefined) ?? null;
}

/** The open order holding a code, or else the latest closed one that had it (to say why it cannot be used). */
export async function orderByCode(client: Client, code: string): Promise<RewardOrderRecord | null> {
  const row = await client.query
    .selectFrom("RewardOrder")
    .selectAll()
    .where("code", "=", code)
    .orderBy(sql`"openCode" IS NULL`)
    .orderBy("id", "desc")
    .executeTakeFirst();
  return (row as RewardOrderRecord | undefined) ?? null;
}

/** Closes an open order; false when it was closed already (another 核销, cancel or the release got there first). */
export async function closeOrder(
  tx: Tx,
  id: number,
  status: Exclude<OrderStatus, "open">,
  by: string | null,
  reason: string | null,
  at: Date,
): Promise<boolean> {
  const result = await tx.query
    .updateTable("RewardOrder")
    .set({ status, openCode: null, closedAt: at, closedById: by, reason })
    .where("id", "=", id)
    .where("status", "=", "open")
    .executeTakeFirst();
  return Number(result.numUpdatedRows) > 0;
}

const orderColumns = [
  "O.id",
  "O.code",
  "O.itemId",
  "O.memberId",
  "O.unitId",
  "O.groupId",
  "O.quantity",
  "O.points",
  "O.status",
  "O.createdAt",
  "O.collectBy",
  "O.closedAt",
  "O.reason",
  "I.name as itemName",
  "I.partner",
  "I.unitId as itemUnitId",
  "M.name as memberName",
  "C.name as closedBy",
] as const;

function ordersQuery(client: Client) {
  return client.query
    .selectFrom("RewardOrder as O")
    .innerJoin("RewardItem as I", "I.id", "O.itemId")
    .leftJoin("Member as M", "M.id", "O.memberId")
    .leftJoin("Member as C", "C.id", "O.closedById")
    .select(orderColumns);
}

export type OrderRow = Awaited<ReturnType<typeof ordersOfMember>>[number];

/** A member's latest orders, newest first, with the item's name. */
export function ordersOfMember(client: Client, memberId: string, take: number) {
  return ordersQuery(client).where("O.memberId", "=", memberId).orderBy("O.createdAt", "desc").orderBy("O.id", "desc").limit(rowCount(take)).execute();
}

/** The orders made in the units, newest first (open ones only when asked). */
export function ordersInUnits(client: Client, unitIds: readonly string[], options: { openOnly: boolean; take: number }) {
  if (!unitIds.length) return Promise.resolve([]);
  let query = ordersQuery(client).where("O.unitId", "in", [...unitIds]);
  if (options.openOnly) query = query.where("O.status", "=", "open");
  return query.orderBy("O.createdAt", "desc").orderBy("O.id", "desc").limit(rowCount(options.take)).execute();
}

const PAGE = 500;

/** Rows a page at a time in the order of their id (keyset on the id: memory stays flat on both databases). */
async function* pagesById<Row extends { id: number }>(readPage: (after: number, take: number) => Promise<Row[]>): AsyncGenerator<Row> {
  for (let after = 0; ;) {
    const page = await readPage(after, PAGE);
    yield* page;
    if (page.length < PAGE) return;
    after = page.at(-1)!.id;
  }
}

/** Every order made in the units, in the order made, a page at a time. */
export async function* streamOrdersInUnits(client: Client, unitIds: readonly string[]) {
  if (!unitIds.length) return;
  yield* pagesById((after, take) =>
    ordersQuery(client)
      .where("O.unitId", "in", [...unitIds])
      .where("O.id", ">", after)
      .orderBy("O.id")
      .limit(take)
      .execute(),
  );
}

/** Open orders whose window has passed, oldest first. */
export function ordersDueForRelease(client: Client, now: Date, take: number) {
  return client.query
    .selectFrom("RewardOrder")
    .selectAll()
    .where("status", "=", "open")
    .where("collectBy", "<=", now)
    .orderBy("collectBy")
    .orderBy("id")
    .limit(rowCount(take))
    .execute() as Promise<RewardOrderRecord[]>;
}

/** Every ledger entry of the units, in the order written, with the member's and awarder's names, a page at a time. */
export async function* streamLedgerOfUnits(client: Client, unitIds: readonly string[]) {
  if (!unitIds.length) return;
  yield* pagesById((after, take) =>
    client.query
      .selectFrom("PointEntry as P")
      .leftJoin("Member as M", "M.id", "P.memberId")
      .leftJoin("Member as A", "A.id", "P.awardedById")
      .select(["P.id", "P.at", "P.unitId", "P.memberId", "M.name as memberName", "P.kind", "P.points", "P.reason", "P.ticketNumber", "A.name as awardedBy"])
      .where("P.unitId", "in", [...unitIds])
      .where("P.id", ">", after)
      .orderBy("P.id")
      .limit(take)
      .execute(),
  );
}

/** Points of one kind entered for one unit: the positive and the negative entries summed apart. */
export interface PointSum {
  unitId: string;
  kind: string;
  positive: number;
  negative: number;
}

/** Points per unit and kind over a period (all time when `from` is null): what the figures are made of. */
export async function pointSumsByUnitAndKind(client: Client, unitIds: readonly string[], from: Date | null, to: Date | null): Promise<PointSum[]> {
  if (!unitIds.length) return [];
  let query = client.query
    .selectFrom("PointEntry")
    .select([
      "unitId",
      "kind",
      sql<number | null>`SUM(CASE WHEN "points" > 0 THEN "points" ELSE 0 END)`.as("positive"),
      sql<number | null>`SUM(CASE WHEN "points" < 0 THEN "points" ELSE 0 END)`.as("negative"),
    ])
    .where("unitId", "in", [...unitIds]);
  if (from) query = query.where("at", ">=", from);
  if (to) query = query.where("at", "<", to);
  const rows = await query.groupBy(["unitId", "kind"]).execute();
  return rows.map((row) => ({ unitId: row.unitId, kind: row.kind, positive: Number(row.positive ?? 0), negative: Number(row.negative ?? 0) }));
}

/**
 * Who may be named an item's hand-over person: members of the residents' groups of the units (a partner
 * shop's owner who lives there), by name containing `search`, with the unit of a group they are in.
 */
export async function handOverCandidates(client: Client, unitIds: readonly string[], search: string, take: number) {
  if (!unitIds.length) return [];
  const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
  const rows = await client.query
    .selectFrom("Member as M")
    .innerJoin("Membership as S", "S.memberId", "M.id")
    .innerJoin("Group as G", "G.id", "S.groupId")
    .select(["M.id", "M.name", sql<string>`MIN("G"."unitId")`.as("unitId")])
    .where("G.unitId", "in", [...unitIds])
    .where("G.kind", "=", "residents")
    .where(sql<boolean>`"M"."name" LIKE ${like} ESCAPE '\\'`)
    .groupBy(["M.id", "M.name"])
    .orderBy("M.name")
    .orderBy("M.id")
    .limit(rowCount(take))
    .execute();
  return rows;
}

/** Whether a member is in a residents' group of one of the units: may hand over an item of theirs. */
export async function isHandOverCandidate(client: Client, unitIds: readonly string[], memberId: string): Promise<boolean> {
  if (!unitIds.length) return false;
  const row = await client.query
    .selectFrom("Membership as S")
    .innerJoin("Group as G", "G.id", "S.groupId")
    .select("S.memberId")
    .where("S.memberId", "=", memberId)
    .where("G.unitId", "in", [...unitIds])
    .where("G.kind", "=", "residents")
    .limit(1)
    .executeTakeFirst();
  return row !== undefined;
}

/** The items a member hands over, retired ones too (their open orders can still be collected): names for a refusal. */
export function itemsHandedOverBy(client: Client, memberId: string) {
  return client.query.selectFrom("RewardItem").select(["id", "name"]).where("handOverMemberId", "=", memberId).orderBy("id").execute();
}
