import { sql, type RawBuilder } from "kysely";
import { REVISIT_NOTE_PREFIX } from "../domain/staffFigures.ts";
import type { Database } from "./database.ts";
import { openStatusList, rowCount } from "./literals.ts";

type Client = Database;

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
  /** The tickets one staff member (a member id) 派单'd, 办结'd, 回访'd, or now holds (is assigned): the per-staff figures' drill-down. */
  staff?: { memberId: string; act: StaffAct } | null;
  now: Date;
}

/** What a staff member did to a ticket, for the board's staff filter (store/staffStats.ts counts the same). */
export type StaffAct = "assigned" | "resolved" | "revisited" | "holds";

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

const COLUMNS = sql`T."number", T."unitId", T."groupId", T."building", T."unitNo", T."room", T."locationText", T."category", T."colour", T."status",
  T."level", T."assigneeName", T."filedById", T."text", T."outcome", T."resultNote", T."rating", T."createdAt", T."acceptDueAt", T."resolveDueAt",
  T."acceptedAt", T."resolvedAt", T."closedAt",
  (SELECT COUNT(*) FROM "Attachment" A WHERE A."ticketNumber" = T."number") AS "photos"`;

/** `(?, ?, …)` of bound values; `(NULL)` for none, which matches nothing. */
function list(values: readonly unknown[]): RawBuilder<unknown> {
  return values.length ? sql`(${sql.join(values)})` : sql`(NULL)`;
}

/** `%text%` for LIKE, its own % and _ escaped. */
function containing(text: string): string {
  return `%${text.replace(/[\\%_]/g, (c) => `\\${c}`)}%`;
}

/**
 * The filters as SQL. `scanByNumber`: the unit condition is written so that SQLite does not pick the unit
 * index for it (`|| ''` changes nothing else, in SQLite as in PostgreSQL): for the newest-first page, walking
 * the primary key backwards and stopping at the page's end beats reading every ticket of a county's 200
 * estates through the index and sorting them (22 ms → under 1 ms on 100k tickets).
 */
function conditions(query: BoardQuery, scanByNumber = false): RawBuilder<unknown> {
  const clauses: RawBuilder<unknown>[] = [];
  clauses.push(scanByNumber ? sql`T."unitId" || '' IN ${list(query.unitIds)}` : sql`T."unitId" IN ${list(query.unitIds)}`);
  if (query.excludeGroupIds?.length) clauses.push(sql`T."groupId" NOT IN ${list(query.excludeGroupIds)}`);
  if (query.statuses?.length) clauses.push(sql`T."status" IN ${list(query.statuses)}`);
  if (query.colour) clauses.push(sql`T."colour" = ${query.colour}`);
  if (query.category) clauses.push(sql`T."category" = ${query.category}`);
  if (query.overdue) {
    const now = query.now;
    clauses.push(sql`T."status" IN (${sql.join(openStatusList())}) AND ((T."status" = 'reported' AND T."acceptDueAt" < ${now}) OR T."resolveDueAt" < ${now})`);
  }
  if (query.from) clauses.push(sql`T."createdAt" >= ${query.from}`);
  if (query.to) clauses.push(sql`T."createdAt" < ${query.to}`);
  if (query.handler) clauses.push(sql`T."assigneeName" = ${query.handler}`);
  if (query.onBehalf) clauses.push(sql`T."filedById" IS NOT NULL`);
  if (query.hasPhotos) clauses.push(sql`EXISTS (SELECT 1 FROM "Attachment" A WHERE A."ticketNumber" = T."number")`);
  if (query.staff) clauses.push(staffCondition(query.staff.memberId, query.staff.act));
  const search = query.search?.trim();
  if (search) {
    const number = /^#?(\d{1,9})$/.exec(search)?.[1];
    const like = containing(search);
    if (number) clauses.push(sql`(T."number" = ${Number(number)} OR T."text" LIKE ${like} ESCAPE '\\')`);
    else clauses.push(sql`(T."text" LIKE ${like} ESCAPE '\\' OR T."locationText" LIKE ${like} ESCAPE '\\' OR T."assigneeName" LIKE ${like} ESCAPE '\\')`);
  }
  return sql.join(clauses, sql` AND `);
}

function staffCondition(memberId: string, act: StaffAct): RawBuilder<unknown> {
  if (act === "holds") return sql`T."assigneeId" = ${memberId}`;
  const event = act === "revisited" ? sql`E."type" = 'rated' AND E."note" LIKE ${`${REVISIT_NOTE_PREFIX}%`}` : sql`E."type" = ${sql.lit(act)}`;
  return sql`EXISTS (SELECT 1 FROM "TicketEvent" E WHERE E."ticketNumber" = T."number" AND E."actorId" = ${memberId} AND ${event})`;
}

function order(sort: BoardSort, after: BoardCursor | null): { clause: RawBuilder<unknown>; orderBy: RawBuilder<unknown> } {
  if (sort === "deadline") {
    const orderBy = sql`T."resolveDueAt" ASC, T."number" ASC`;
    const due = after?.resolveDueAt ? new Date(after.resolveDueAt) : null;
    if (!due || Number.isNaN(due.getTime())) return { clause: sql``, orderBy };
    return { clause: sql` AND (T."resolveDueAt" > ${due} OR (T."resolveDueAt" = ${due} AND T."number" > ${after!.number}))`, orderBy };
  }
  return { clause: after ? sql` AND T."number" < ${after.number}` : sql``, orderBy: sql`T."number" DESC` };
}

/** One page of the board, and the cursor of the next page (null on the last). */
export async function boardPage(
  client: Client,
  query: BoardQuery,
  sort: BoardSort,
  after: BoardCursor | null,
  limit: number,
): Promise<{ rows: BoardRow[]; next: BoardCursor | null }> {
  const keyset = order(sort, after);
  const { rows: raw } = await sql<BoardRow>`SELECT ${COLUMNS} FROM "Ticket" T WHERE ${conditions(query, sort === "newest")}${keyset.clause}
    ORDER BY ${keyset.orderBy} LIMIT ${rowCount(limit + 1)}`.execute(client.query);
  const more = raw.length > limit;
  const page = raw.slice(0, limit).map((row) => ({ ...row, number: Number(row.number), photos: Number(row.photos) }));
  const last = page.at(-1);
  const next = more && last ? { number: last.number, ...(sort === "deadline" ? { resolveDueAt: last.resolveDueAt.toISOString() } : {}) } : null;
  return { rows: page, next };
}

/**
 * How many tickets the board's filters match, counted up to `cap` (a word searched in a county's every ticket
 * need not be counted to the last). A search reads every candidate's text anyway, so it reads the table in
 * its own order rather than through the unit index, which would fetch each row by a random lookup: on a
 * county's 100k tickets, counting 「楼道」 took 622 ms through the index and 108 ms scanning (loaded machine).
 */
export async function boardCount(client: Client, query: BoardQuery, cap: number): Promise<{ total: number; capped: boolean }> {
  const scan = Boolean(query.search?.trim());
  const { rows } = await sql<{
    n: number;
  }>`SELECT COUNT(*) AS "n" FROM (SELECT 1 FROM "Ticket" T WHERE ${conditions(query, scan)} LIMIT ${rowCount(cap + 1)}) matched`.execute(client.query);
  const n = Number(rows[0]?.n ?? 0);
  return { total: Math.min(n, cap), capped: n > cap };
}

/** The groups not on a platform (a playground's members see none of their tickets). */
export async function groupIdsNotOn(client: Client, platform: string): Promise<string[]> {
  const rows = await client.query.selectFrom("Group").select("id").where("platform", "<>", platform).execute();
  return rows.map((row) => row.id);
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
  const rows = await client.query
    .selectFrom("Ticket")
    .select("assigneeName as name")
    .distinct()
    .where("unitId", "in", [...unitIds])
    .where("assigneeName", "is not", null)
    .orderBy("name")
    .limit(rowCount(200))
    .execute();
  return rows.map((row) => row.name!);
}

/** The meetings a ticket was put on the agenda of, with the decision taken there. */
export async function meetingsOfTicket(client: Client, number: number) {
  return await client.query
    .selectFrom("AgendaItem as A")
    .innerJoin("Meeting as M", "M.number", "A.meetingNumber")
    .select(["M.number", "M.topic", "M.place", "M.startsAt", "M.status", "A.seq", "A.decision"])
    .where("A.ticketNumber", "=", number)
    .orderBy("M.startsAt")
    .execute();
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
  const cases = sql.join(
    buckets.map((bucket, i) => sql`WHEN T."createdAt" < ${bucket.to} THEN ${sql.lit(i)}`),
    sql` `,
  );
  const { rows } = await sql<{ bucket: number | null; total: number; resolved: number }>`
    SELECT CASE ${cases} END AS "bucket", COUNT(*) AS "total",
      SUM(CASE WHEN T."status" IN ('resolved', 'closed') AND T."resolvedAt" IS NOT NULL THEN 1 ELSE 0 END) AS "resolved"
    FROM "Ticket" T
    WHERE T."unitId" IN ${list(unitIds)} AND T."createdAt" >= ${buckets[0]!.from} AND T."createdAt" < ${buckets.at(-1)!.to}
    GROUP BY 1`.execute(client.query);
  for (const row of rows) {
    const bucket = row.bucket === null ? null : Number(row.bucket);
    if (bucket !== null && counts[bucket]) counts[bucket] = { total: Number(row.total), resolved: Number(row.resolved) };
  }
  return counts;
}
