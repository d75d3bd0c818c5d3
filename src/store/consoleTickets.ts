import { toDbDate } from "./connection.ts";
import { statementsOf, type Database, type Tx } from "./database.ts";
import { fromRow } from "./rows.ts";

type Client = Database | Tx;

const OPEN = "('reported', 'accepted', 'assigned')";

/** What the board (工单台账) can be narrowed by; every field but `unitIds` is optional. */
export interface BoardQuery {
  /** The estates (and any units) whose tickets are listed: the viewer's subtree, narrowed by the unit filter. */
  unitIds: readonly string[];
  /** Tickets that came in through these groups are left out (a playground's members see only its own platform's). */
  excludeGroupIds?: readonly string[];
  statuses?: readonly string[];
  colour?: string | null;
  category?: string | null;
  /** Open and past its acceptance or resolution deadline at `now`. */
  overdue?: boolean;
  from?: Date | null;
  to?: Date | null;
  handler?: string | null;
  /** 代报: filed by staff for a resident. */
  onBehalf?: boolean;
  hasPhotos?: boolean;
  /** Words in the resident's text or place, or a ticket number. */
  search?: string | null;
  now: Date;
}

export type BoardSort = "newest" | "deadline";

/** Where the previous page ended (keyset paging: no OFFSET, every page costs the same). */
export interface BoardCursor {
  number: number;
  /** The deadline of the last row, for the deadline order. */
  resolveDueAt?: string;
}

export interface BoardRow {
  number: number;
  unitId: string;
  groupId: string;
  building: string | null;
  unitNo: string | null;
  room: string | null;
  locationText: string | null;
  category: string;
  colour: string;
  status: string;
  level: string;
  assigneeName: string | null;
  filedById: string | null;
  text: string;
  outcome: string | null;
  resultNote: string | null;
  rating: string | null;
  createdAt: Date;
  acceptDueAt: Date;
  resolveDueAt: Date;
  acceptedAt: Date | null;
  resolvedAt: Date | null;
  closedAt: Date | null;
  photos: number;
}

const COLUMNS = `T."number", T."unitId", T."groupId", T."building", T."unitNo", T."room", T."locationText", T."category", T."colour", T."status",
  T."level", T."assigneeName", T."filedById", T."text", T."outcome", T."resultNote", T."rating", T."createdAt", T."acceptDueAt", T."resolveDueAt",
  T."acceptedAt", T."resolvedAt", T."closedAt",
  (SELECT COUNT(*) FROM "Attachment" A WHERE A."ticketNumber" = T."number") AS "photos"`;

/**
 * The filters as SQL. `scanByNumber`: the unit condition is written so that SQLite does not pick the unit
 * index for it (`|| ''` changes nothing else, in SQLite as in PostgreSQL): for the newest-first page, walking
 * the primary key backwards and stopping at the page's end beats reading every ticket of a county's 200
 * estates through the index and sorting them (22 ms → under 1 ms on 100k tickets).
 */
function conditions(query: BoardQuery, scanByNumber = false): { where: string; params: unknown[] } {
  const clauses: string[] = [];
  const params: unknown[] = [];
  const add = (clause: string, ...values: unknown[]) => {
    clauses.push(clause);
    params.push(...values);
  };
  add(`T."unitId"${scanByNumber ? " || ''" : ""} IN (${query.unitIds.map(() => "?").join(", ") || "NULL"})`, ...query.unitIds);
  if (query.excludeGroupIds?.length) add(`T."groupId" NOT IN (${query.excludeGroupIds.map(() => "?").join(", ")})`, ...query.excludeGroupIds);
  if (query.statuses?.length) add(`T."status" IN (${query.statuses.map(() => "?").join(", ")})`, ...query.statuses);
  if (query.colour) add('T."colour" = ?', query.colour);
  if (query.category) add('T."category" = ?', query.category);
  if (query.overdue) {
    const now = toDbDate(query.now);
    add(`T."status" IN ${OPEN} AND ((T."status" = 'reported' AND T."acceptDueAt" < ?) OR T."resolveDueAt" < ?)`, now, now);
  }
  if (query.from) add('T."createdAt" >= ?', toDbDate(query.from));
  if (query.to) add('T."createdAt" < ?', toDbDate(query.to));
  if (query.handler) add('T."assigneeName" = ?', query.handler);
  if (query.onBehalf) add('T."filedById" IS NOT NULL');
  if (query.hasPhotos) add('EXISTS (SELECT 1 FROM "Attachment" A WHERE A."ticketNumber" = T."number")');
  const search = query.search?.trim();
  if (search) {
    const number = /^#?(\d{1,9})$/.exec(search)?.[1];
    const like = `%${search.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
    if (number) add(`(T."number" = ? OR T."text" LIKE ? ESCAPE '\\')`, Number(number), like);
    else add(`(T."text" LIKE ? ESCAPE '\\' OR T."locationText" LIKE ? ESCAPE '\\' OR T."assigneeName" LIKE ? ESCAPE '\\')`, like, like, like);
  }
  return { where: clauses.join(" AND "), params };
}

function order(sort: BoardSort, after: BoardCursor | null): { clause: string; params: unknown[]; orderBy: string } {
  if (sort === "deadline") {
    const orderBy = 'T."resolveDueAt" ASC, T."number" ASC';
    if (!after?.resolveDueAt) return { clause: "", params: [], orderBy };
    return {
      clause: ' AND (T."resolveDueAt" > ? OR (T."resolveDueAt" = ? AND T."number" > ?))',
      params: [after.resolveDueAt, after.resolveDueAt, after.number],
      orderBy,
    };
  }
  return { clause: after ? ' AND T."number" < ?' : "", params: after ? [after.number] : [], orderBy: 'T."number" DESC' };
}

interface RawRow extends Record<string, unknown> {
  resolveDueAt: string;
}

/** One page of the board, and the cursor of the next page (null on the last). */
export async function boardPage(
  client: Client,
  query: BoardQuery,
  sort: BoardSort,
  after: BoardCursor | null,
  limit: number,
): Promise<{ rows: BoardRow[]; next: BoardCursor | null }> {
  const { where, params } = conditions(query, sort === "newest");
  const keyset = order(sort, after);
  const raw = (await statementsOf(client)).all<RawRow>(`SELECT ${COLUMNS} FROM "Ticket" T WHERE ${where}${keyset.clause} ORDER BY ${keyset.orderBy} LIMIT ?`, [
    ...params,
    ...keyset.params,
    limit + 1,
  ]);
  const more = raw.length > limit;
  const page = raw.slice(0, limit);
  const last = page.at(-1);
  const next = more && last ? { number: Number(last.number), ...(sort === "deadline" ? { resolveDueAt: last.resolveDueAt } : {}) } : null;
  return { rows: page.map((row) => fromRow<BoardRow>(row)), next };
}

/** How many tickets the board's filters match, counted up to `cap` (a word searched in a county's every ticket need not be counted to the last). */
export async function boardCount(client: Client, query: BoardQuery, cap: number): Promise<{ total: number; capped: boolean }> {
  const { where, params } = conditions(query);
  const n =
    (await statementsOf(client)).get<{ n: number }>(`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Ticket" T WHERE ${where} LIMIT ?) matched`, [
      ...params,
      cap + 1,
    ])?.n ?? 0;
  return { total: Math.min(n, cap), capped: n > cap };
}

/** The groups not on a platform (a playground's members see none of their tickets). */
export async function groupIdsNotOn(client: Client, platform: string): Promise<string[]> {
  return (await statementsOf(client)).all<{ id: string }>('SELECT "id" FROM "Group" WHERE "platform" <> ?', [platform]).map((row) => row.id);
}

/** Every ticket the filters match, a page at a time (exports): memory holds one page, whatever the total. */
export async function* boardRows(client: Client, query: BoardQuery, sort: BoardSort, pageSize = 1000): AsyncGenerator<BoardRow> {
  let after: BoardCursor | null = null;
  do {
    const page = await boardPage(client, query, sort, after, pageSize);
    yield* page.rows;
    after = page.next;
  } while (after);
}

/** The names tickets are assigned to among the given units (the handler filter's choices). */
export async function handlerNames(client: Client, unitIds: readonly string[]): Promise<string[]> {
  if (unitIds.length === 0) return [];
  const rows = (await statementsOf(client)).all<{ name: string }>(
    `SELECT DISTINCT T."assigneeName" AS "name" FROM "Ticket" T WHERE T."unitId" IN (${unitIds.map(() => "?").join(", ")}) AND T."assigneeName" IS NOT NULL ORDER BY 1 LIMIT 200`,
    [...unitIds],
  );
  return rows.map((row) => row.name);
}

/** The meetings a ticket was put on the agenda of, with the decision taken there. */
export async function meetingsOfTicket(client: Client, number: number) {
  const rows = (await statementsOf(client)).all<{
    number: number;
    topic: string;
    place: string;
    startsAt: string;
    status: string;
    seq: number;
    decision: string | null;
  }>(
    `SELECT M."number", M."topic", M."place", M."startsAt", M."status", A."seq", A."decision"
     FROM "AgendaItem" A JOIN "Meeting" M ON M."number" = A."meetingNumber" WHERE A."ticketNumber" = ? ORDER BY M."startsAt"`,
    [number],
  );
  return rows.map((row) => ({ ...row, startsAt: new Date(row.startsAt) }));
}

/**
 * Tickets reported, and of those resolved (办结), per bucket of consecutive periods (a trend), in one pass
 * over the units' tickets of the whole span through the (unitId, createdAt) index.
 */
export async function trendCounts(
  client: Client,
  unitIds: readonly string[],
  buckets: readonly { from: Date; to: Date }[],
): Promise<{ total: number; resolved: number }[]> {
  const counts = buckets.map(() => ({ total: 0, resolved: 0 }));
  if (unitIds.length === 0 || buckets.length === 0) return counts;
  const cases = buckets.map(() => 'WHEN T."createdAt" < ? THEN ?').join(" ");
  const rows = (await statementsOf(client)).all<{ bucket: number; total: number; resolved: number }>(
    `SELECT CASE ${cases} END AS "bucket", COUNT(*) AS "total",
       SUM(CASE WHEN T."status" IN ('resolved', 'closed') AND T."resolvedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "resolved"
     FROM "Ticket" T
     WHERE T."unitId" IN (${unitIds.map(() => "?").join(", ")}) AND T."createdAt" >= ? AND T."createdAt" < ?
     GROUP BY 1`,
    [...buckets.flatMap((bucket, i) => [toDbDate(bucket.to), i]), ...unitIds, toDbDate(buckets[0]!.from), toDbDate(buckets.at(-1)!.to)],
  );
  for (const row of rows) if (row.bucket !== null && counts[row.bucket]) counts[row.bucket] = { total: Number(row.total), resolved: Number(row.resolved) };
  return counts;
}
