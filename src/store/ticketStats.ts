import type { StatTally } from "../domain/stats.ts";
import type { Database, Tx } from "./database.ts";
import { Prisma } from "./generated/client.ts";
import { toDbDate } from "./connection.ts";
import type { TicketRecord } from "./tickets.ts";

type Client = Database | Tx;

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

/**
 * The tally of each ticket, as SQL over one row, in the order of `StatTally`'s fields (the same definitions
 * as domain/stats.ts `tallyOf`). Portable SQL but for the millisecond differences, which use SQLite's
 * julianday() (PostgreSQL: EXTRACT(EPOCH FROM a - b) * 1000).
 */
function tallyColumns(now: string): Prisma.Sql {
  const resolved = Prisma.sql`status IN ('resolved', 'closed') AND resolvedAt IS NOT NULL`;
  const handled = Prisma.sql`status NOT IN ('rejected', 'withdrawn')`;
  const answeredAt = Prisma.sql`COALESCE(acceptedAt, CASE WHEN status = 'rejected' THEN closedAt END)`;
  const count = (condition: Prisma.Sql) => Prisma.sql`SUM(CASE WHEN ${condition} THEN 1 ELSE 0 END)`;
  const ms = (later: string, earlier: string) => Prisma.raw(`CAST(ROUND((julianday(${later}) - julianday(${earlier})) * 86400000) AS INTEGER)`);
  return Prisma.sql`COUNT(*) AS total,
    ${count(Prisma.sql`status = 'reported'`)} AS awaitingAcceptance,
    ${count(Prisma.sql`${handled} AND status <> 'reported' AND (acceptedAt IS NOT NULL OR (${resolved}))`)} AS accepted,
    ${count(Prisma.sql`status IN ('reported', 'accepted', 'assigned')`)} AS "open",
    ${count(Prisma.sql`${handled} AND ${resolved}`)} AS resolved,
    ${count(Prisma.sql`${handled} AND ${resolved} AND (outcome IS NULL OR outcome = 'fixed')`)} AS fixed,
    ${count(Prisma.sql`${handled} AND ${resolved} AND outcome = 'cannot_fix'`)} AS cannotFix,
    ${count(Prisma.sql`${handled} AND ${resolved} AND outcome = 'transferred'`)} AS transferred,
    ${count(Prisma.sql`status = 'rejected'`)} AS rejected,
    ${count(Prisma.sql`status = 'withdrawn'`)} AS withdrawn,
    ${count(handled)} AS handled,
    ${count(Prisma.sql`status <> 'withdrawn' AND (${answeredAt} IS NOT NULL OR acceptDueAt <= ${now})`)} AS acceptanceDue,
    ${count(Prisma.sql`status <> 'withdrawn' AND ${answeredAt} <= acceptDueAt`)} AS acceptedInTime,
    ${count(Prisma.sql`${handled} AND ((${resolved}) OR resolveDueAt <= ${now})`)} AS resolutionDue,
    ${count(Prisma.sql`${handled} AND ${resolved} AND resolvedAt <= resolveDueAt`)} AS resolvedInTime,
    ${count(Prisma.sql`rating IS NOT NULL`)} AS rated,
    ${count(Prisma.sql`rating IN ('satisfied', 'basically_satisfied')`)} AS satisfied,
    ${count(Prisma.sql`acceptedAt IS NOT NULL`)} AS withAcceptance,
    COALESCE(SUM(CASE WHEN acceptedAt IS NOT NULL THEN ${ms("acceptedAt", "createdAt")} END), 0) AS msToAccept,
    COALESCE(SUM(CASE WHEN ${handled} AND ${resolved} THEN ${ms("resolvedAt", "createdAt")} END), 0) AS msToResolve`;
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

function keyed(row: TallyRow): KeyedTally {
  // The adapter may answer integers as BigInt; sums of counts and of milliseconds stay far below 2^53.
  const tally = Object.fromEntries(TALLY_COLUMNS.map((column) => [column, Number(row[column] ?? 0)])) as unknown as StatTally;
  return { key: row.key, firstNumber: Number(row.firstNumber), tally };
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
  const sums = Prisma.raw(TALLY_COLUMNS.map((column) => `SUM("${column}") AS "${column}"`).join(", "));
  const by = (dimension: keyof GroupedTallies, column: string) =>
    Prisma.sql`SELECT ${dimension} AS dimension, ${Prisma.raw(column)} AS "key", MIN(firstNumber) AS firstNumber, ${sums} FROM cells GROUP BY ${Prisma.raw(column)}`;
  const rows = await client.$queryRaw<TallyRow[]>(Prisma.sql`
    WITH cells AS (
      SELECT unitId, category, colour, MIN(number) AS firstNumber, ${tallyColumns(toDbDate(now))}
      FROM Ticket
      WHERE unitId IN (${Prisma.join([...unitIds])}) AND createdAt >= ${toDbDate(from)} AND createdAt < ${toDbDate(to)}
      GROUP BY unitId, category, colour
    )
    ${by("byUnit", "unitId")} UNION ALL ${by("byCategory", "category")} UNION ALL ${by("byColour", "colour")}`);
  for (const row of rows) grouped[row.dimension as keyof GroupedTallies].push(keyed(row));
  for (const list of Object.values(grouped) as KeyedTally[][]) list.sort((a, b) => a.firstNumber - b.firstNumber);
  return grouped;
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

const OPEN_STATUSES = Prisma.sql`('reported', 'accepted', 'assigned')`;
const PRESSING_DUE = Prisma.sql`CASE WHEN status = 'reported' THEN acceptDueAt ELSE resolveDueAt END`;
const fromGroups = (groupIds: readonly string[] | null) => (groupIds ? Prisma.sql`AND groupId IN (${Prisma.join([...groupIds, ""])})` : Prisma.empty);

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
  const rows = await client.$queryRaw<
    { handlingUnitId: string; open: unknown; fresh: unknown; overdue: unknown; firstDue: string | Date; firstNumber: unknown }[]
  >(
    Prisma.sql`SELECT handlingUnitId, COUNT(*) AS "open",
        SUM(CASE WHEN createdAt > ${toDbDate(freshSince)} THEN 1 ELSE 0 END) AS fresh,
        SUM(CASE WHEN ${PRESSING_DUE} < ${toDbDate(now)} AND markedForMeetingAt IS NULL THEN 1 ELSE 0 END) AS overdue,
        MIN(${PRESSING_DUE}) AS firstDue, MIN(number) AS firstNumber
      FROM Ticket
      WHERE unitId IN (${Prisma.join([...unitIds])}) AND status IN ${OPEN_STATUSES} ${fromGroups(groupIds)}
      GROUP BY handlingUnitId`,
  );
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
  const rows = await client.ticket.findMany({
    where: {
      unitId: { in: [...unitIds] },
      handlingUnitId: { in: [...handlingUnitIds] },
      status: { in: ["reported", "accepted", "assigned"] },
      ...(groupIds ? { groupId: { in: [...groupIds] } } : {}),
    },
    orderBy: { number: "asc" },
    take: limit,
  });
  return rows as TicketRecord[];
}
