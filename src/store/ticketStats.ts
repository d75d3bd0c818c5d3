import { sql, type RawBuilder } from "kysely";
import type { StatTally } from "../domain/stats.ts";
import { openStatusList, rowCount } from "./literals.ts";
import type { Database, Dialect } from "./database.ts";
import type { TicketRecord } from "./tickets.ts";

type Client = Database;

/** A tally of the tickets sharing one key, and the lowest ticket number among them (for first-seen order). */
export interface KeyedTally {
  key: string;
  firstNumber: number;
  tally: StatTally;
}

export interface GroupedTallies {
  byUnit: KeyedTally[];
  byCategory: KeyedTally[];
  byColour: KeyedTally[];
}

/** Milliseconds from `earlier` to `later` (two date columns), as an integer, in the database's own terms. */
function millisecondsBetween(dialect: Dialect, later: string, earlier: string): RawBuilder<number> {
  const [a, b] = [sql.ref(later), sql.ref(earlier)];
  return dialect === "postgres"
    ? sql<number>`CAST(ROUND(EXTRACT(EPOCH FROM (${a} - ${b})) * 1000) AS BIGINT)`
    : sql<number>`CAST(ROUND((unixepoch(${a}, 'subsec') - unixepoch(${b}, 'subsec')) * 1000) AS INTEGER)`;
}

const openList = () => sql.join(openStatusList());

/**
 * The tally of each ticket, as SQL over one row, in the order of `StatTally`'s fields (the same definitions
 * as domain/stats.ts `tallyOf`). Portable SQL but for the millisecond differences (millisecondsBetween).
 */
function tallyColumns(dialect: Dialect, now: Date): RawBuilder<unknown> {
  const resolved = sql`"status" IN ('resolved', 'closed') AND "resolvedAt" IS NOT NULL`;
  const handled = sql`"status" NOT IN ('rejected', 'withdrawn')`;
  const answeredAt = sql`COALESCE("acceptedAt", CASE WHEN "status" = 'rejected' THEN "closedAt" END)`;
  const count = (condition: RawBuilder<unknown>) => sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const ms = (later: string, earlier: string) => millisecondsBetween(dialect, later, earlier);
  return sql`COUNT(*) AS "total",
    ${count(sql`"status" = 'reported'`)} AS "awaitingAcceptance",
    ${count(sql`${handled} AND "status" <> 'reported' AND ("acceptedAt" IS NOT NULL OR (${resolved}))`)} AS "accepted",
    ${count(sql`"status" IN (${openList()})`)} AS "open",
    ${count(sql`${handled} AND ${resolved}`)} AS "resolved",
    ${count(sql`${handled} AND ${resolved} AND ("outcome" IS NULL OR "outcome" = 'fixed')`)} AS "fixed",
    ${count(sql`${handled} AND ${resolved} AND "outcome" = 'cannot_fix'`)} AS "cannotFix",
    ${count(sql`${handled} AND ${resolved} AND "outcome" = 'transferred'`)} AS "transferred",
    ${count(sql`"status" = 'rejected'`)} AS "rejected",
    ${count(sql`"status" = 'withdrawn'`)} AS "withdrawn",
    ${count(handled)} AS "handled",
    ${count(sql`"status" <> 'withdrawn' AND (${answeredAt} IS NOT NULL OR "acceptDueAt" <= ${now})`)} AS "acceptanceDue",
    ${count(sql`"status" <> 'withdrawn' AND ${answeredAt} <= "acceptDueAt"`)} AS "acceptedInTime",
    ${count(sql`${handled} AND ((${resolved}) OR "resolveDueAt" <= ${now})`)} AS "resolutionDue",
    ${count(sql`${handled} AND ${resolved} AND "resolvedAt" <= "resolveDueAt"`)} AS "resolvedInTime",
    ${count(sql`"rating" IS NOT NULL`)} AS "rated",
    ${count(sql`"rating" IN ('satisfied', 'basically_satisfied')`)} AS "satisfied",
    ${count(sql`"acceptedAt" IS NOT NULL`)} AS "withAcceptance",
    COALESCE(SUM(CASE WHEN "acceptedAt" IS NOT NULL THEN ${ms("acceptedAt", "createdAt")} END), 0) AS "msToAccept",
    COALESCE(SUM(CASE WHEN ${handled} AND ${resolved} THEN ${ms("resolvedAt", "createdAt")} END), 0) AS "msToResolve"`;
}

const TALLY_COLUMNS = [
  "total",
  "awaitingAcceptance",
  "accepted",
  "open",
  "resolved",
  "fixed",
  "cannotFix",
  "transferred",
  "rejected",
  "withdrawn",
  "handled",
  "acceptanceDue",
  "acceptedInTime",
  "resolutionDue",
  "resolvedInTime",
  "rated",
  "satisfied",
  "withAcceptance",
  "msToAccept",
  "msToResolve",
] as const satisfies readonly (keyof StatTally)[];

type TallyRow = { dimension: string; key: string; firstNumber: number | bigint } & Record<(typeof TALLY_COLUMNS)[number], number | bigint | null>;

function tallyOfRow(row: Record<(typeof TALLY_COLUMNS)[number], number | bigint | null>): StatTally {
  // Sums of counts and of milliseconds stay far below 2^53 (PostgreSQL's bigint and numeric are read as numbers).
  return Object.fromEntries(TALLY_COLUMNS.map((column) => [column, Number(row[column] ?? 0)])) as unknown as StatTally;
}

function keyed(row: TallyRow): KeyedTally {
  return { key: row.key, firstNumber: Number(row.firstNumber), tally: tallyOfRow(row) };
}

/**
 * Tallies of the tickets of the given units reported in [from, to), as of `now`, counted by the database:
 * grouped by unit, by category and by colour (a few hundred rows at most, whatever the number of tickets).
 * The tickets are read once, through the (unitId, createdAt) index, into cells per (unit, category,
 * colour); the three groupings sum those cells. No ticket row leaves the database.
 */
export async function ticketTallies(client: Client, unitIds: readonly string[], from: Date, to: Date, now: Date): Promise<GroupedTallies> {
  const grouped: GroupedTallies = { byUnit: [], byCategory: [], byColour: [] };
  if (unitIds.length === 0) return grouped;
  const sums = sql.join(TALLY_COLUMNS.map((column) => sql`SUM(${sql.ref(column)}) AS ${sql.ref(column)}`));
  const by = (dimension: keyof GroupedTallies, column: string) =>
    sql`SELECT ${sql.lit(dimension)} AS "dimension", ${sql.ref(column)} AS "key", MIN("firstNumber") AS "firstNumber", ${sums} FROM "cells" GROUP BY ${sql.ref(column)}`;
  const { rows } = await sql<TallyRow>`
    WITH "cells" AS (
      SELECT "unitId", "category", "colour", MIN("number") AS "firstNumber", ${tallyColumns(client.dialect, now)}
      FROM "Ticket"
      WHERE "unitId" IN (${sql.join([...unitIds])}) AND "createdAt" >= ${from} AND "createdAt" < ${to}
      GROUP BY "unitId", "category", "colour"
    )
    ${by("byUnit", "unitId")} UNION ALL ${by("byCategory", "category")} UNION ALL ${by("byColour", "colour")}`.execute(client.query);
  for (const row of rows) grouped[row.dimension as keyof GroupedTallies].push(keyed(row));
  for (const list of Object.values(grouped) as KeyedTally[][]) list.sort((a, b) => a.firstNumber - b.firstNumber);
  return grouped;
}

/** A tally of the tickets of one unit, category and colour: the cells `ticketTallies` sums. */
export interface TallyCell {
  unitId: string;
  category: string;
  colour: string;
  firstNumber: number;
  tally: StatTally;
}

type CellRow = { unitId: string; category: string; colour: string; firstNumber: number | bigint } & Record<
  (typeof TALLY_COLUMNS)[number],
  number | bigint | null
>;

/** Cells by their unit, so that a group's sums visit only its own subtree's cells. */
export type CellsByUnit = ReadonlyMap<string, readonly TallyCell[]>;

/**
 * The cells of `ticketTallies` for the given units, by unit, in one statement: a digest counts every group's
 * units at once and sums each group's subtree from them (`talliesOfCells`), instead of one statement per group.
 */
export async function ticketTallyCells(client: Client, unitIds: readonly string[], from: Date, to: Date, now: Date): Promise<CellsByUnit> {
  const byUnit = new Map<string, TallyCell[]>();
  if (unitIds.length === 0) return byUnit;
  const { rows } = await sql<CellRow>`
    SELECT "unitId", "category", "colour", MIN("number") AS "firstNumber", ${tallyColumns(client.dialect, now)}
    FROM "Ticket"
    WHERE "unitId" IN (${sql.join([...unitIds])}) AND "createdAt" >= ${from} AND "createdAt" < ${to}
    GROUP BY "unitId", "category", "colour"`.execute(client.query);
  for (const row of rows) {
    const cell = { unitId: row.unitId, category: row.category, colour: row.colour, firstNumber: Number(row.firstNumber), tally: tallyOfRow(row) };
    const cells = byUnit.get(cell.unitId);
    if (cells) cells.push(cell);
    else byUnit.set(cell.unitId, [cell]);
  }
  return byUnit;
}

/** What `ticketTallies` answers for `unitIds`, summed from cells counted already (the same sums, the same order). */
export function talliesOfCells(cellsByUnit: CellsByUnit, unitIds: Iterable<string>): GroupedTallies {
  const sums = { byUnit: new Map<string, KeyedTally>(), byCategory: new Map<string, KeyedTally>(), byColour: new Map<string, KeyedTally>() };
  // Summed in place: a county's review adds a few thousand cells per level, a new object for each was most of its time.
  const add = (map: Map<string, KeyedTally>, key: string, cell: TallyCell) => {
    const sum = map.get(key);
    if (!sum) {
      map.set(key, { key, firstNumber: cell.firstNumber, tally: { ...cell.tally } });
      return;
    }
    sum.firstNumber = Math.min(sum.firstNumber, cell.firstNumber);
    for (const column of TALLY_COLUMNS) sum.tally[column] += cell.tally[column];
  };
  for (const unitId of new Set(unitIds)) {
    for (const cell of cellsByUnit.get(unitId) ?? []) {
      add(sums.byUnit, cell.unitId, cell);
      add(sums.byCategory, cell.category, cell);
      add(sums.byColour, cell.colour, cell);
    }
  }
  const inOrder = (map: Map<string, KeyedTally>) => [...map.values()].sort((a, b) => a.firstNumber - b.firstNumber);
  return { byUnit: inOrder(sums.byUnit), byCategory: inOrder(sums.byCategory), byColour: inOrder(sums.byColour) };
}

/** Open tickets handled by one unit: how many, how many reported since `freshSince`, how many overdue. */
export interface OpenCounts {
  handlingUnitId: string;
  open: number;
  fresh: number;
  overdue: number;
  /** The most pressing deadline among them (acceptance for a reported ticket, resolution otherwise). */
  firstDue: Date;
  firstNumber: number;
}

const PRESSING_DUE = sql`CASE WHEN "status" = 'reported' THEN "acceptDueAt" ELSE "resolveDueAt" END`;

/**
 * The open tickets of the given units (those reported from `groupIds` only, when given), counted per
 * handling unit by the database: a few rows per work group, however many tickets are open.
 */
export async function openCountsByHandlingUnit(
  client: Client,
  unitIds: readonly string[],
  groupIds: readonly string[] | null,
  now: Date,
  freshSince: Date,
): Promise<OpenCounts[]> {
  if (unitIds.length === 0) return [];
  let query = client.query
    .selectFrom("Ticket")
    .select((eb) => [
      "handlingUnitId",
      eb.fn.countAll<number>().as("open"),
      sql<number>`SUM(CASE WHEN "createdAt" > ${freshSince} THEN 1 ELSE 0 END)`.as("fresh"),
      sql<number>`SUM(CASE WHEN ${PRESSING_DUE} < ${now} AND "markedForMeetingAt" IS NULL THEN 1 ELSE 0 END)`.as("overdue"),
      sql<Date | string>`MIN(${PRESSING_DUE})`.as("firstDue"),
      eb.fn.min("number").as("firstNumber"),
    ])
    .where("unitId", "in", [...unitIds])
    .where("status", "in", openStatusList());
  if (groupIds) query = query.where("groupId", "in", [...groupIds, ""]);
  const rows = await query.groupBy("handlingUnitId").execute();
  return rows.map((row) => ({
    handlingUnitId: row.handlingUnitId,
    open: Number(row.open),
    fresh: Number(row.fresh),
    overdue: Number(row.overdue),
    firstDue: new Date(row.firstDue),
    firstNumber: Number(row.firstNumber),
  }));
}

/** Open tickets of the given units handled by one of `handlingUnitIds` (from `groupIds` only, when given), by number, at most `limit`. */
export async function openTicketsHandledBy(
  client: Client,
  unitIds: readonly string[],
  handlingUnitIds: readonly string[],
  groupIds: readonly string[] | null,
  limit: number,
): Promise<TicketRecord[]> {
  if (unitIds.length === 0 || handlingUnitIds.length === 0) return [];
  let query = client.query
    .selectFrom("Ticket")
    .selectAll()
    .where("unitId", "in", [...unitIds])
    .where("handlingUnitId", "in", [...handlingUnitIds])
    .where("status", "in", openStatusList());
  if (groupIds) query = query.where("groupId", "in", [...groupIds, ""]);
  const rows = await query.orderBy("number").limit(rowCount(limit)).execute();
  return rows as TicketRecord[];
}
