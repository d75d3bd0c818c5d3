import { sql, type RawBuilder } from "kysely";
import { EMPTY_STAFF_TALLY, RATING_SCORES, REVISIT_NOTE_PREFIX, type StaffTally } from "../domain/staffFigures.ts";
import type { Rating } from "../domain/types.ts";
import type { Database } from "./database.ts";
import { openStatusList } from "./literals.ts";

type Client = Database;

export interface StaffTallyRow {
  memberId: string;
  /** The member's name, or the name on their latest event when they are no longer a member. */
  name: string;
  tally: StaffTally;
}

/** `LIKE` pattern of a 回访's note (its prefix has neither % nor _). */
const REVISIT_NOTE = `${REVISIT_NOTE_PREFIX}%`;

/** The board's 超期 (consoleTickets.ts `overdue`): open, and past its acceptance (while reported) or resolution deadline. */
const overdueAt = (now: Date) =>
  sql`T."status" IN (${sql.join(openStatusList())}) AND ((T."status" = 'reported' AND T."acceptDueAt" < ${now}) OR T."resolveDueAt" < ${now})`;

const score = sql.join(
  (Object.entries(RATING_SCORES) as [Rating, number][]).map(([rating, points]) => sql`WHEN ${sql.lit(rating)} THEN ${sql.lit(points)}`),
  sql` `,
);

/**
 * Per staff member, what they did on the tickets of the given units reported in [from, to), counted by the
 * database: their 派单, 办结 and 回访 events (a ticket once for each, however often), the ratings of the
 * tickets they resolved, and the open tickets now assigned to them that are overdue at `now`. A few rows per
 * staff member, in one pass over the index alone: the tickets with their rating through (unitId, createdAt,
 * rating), their 派单 and 办结 through (ticketNumber, type, actorId); only rating events are read from the table,
 * for the 回访 note.
 */
export async function staffTallies(client: Client, unitIds: readonly string[], from: Date, to: Date, now: Date): Promise<StaffTallyRow[]> {
  if (unitIds.length === 0) return [];
  const inPeriod = sql`T."unitId" IN (${sql.join([...unitIds])}) AND T."createdAt" >= ${from} AND T."createdAt" < ${to}`;
  const acts = await sql<{
    memberId: string;
    assigned: number;
    resolved: number;
    revisited: number;
    rated: number;
    ratingScore: number;
    satisfied: number;
  }>`
    WITH "events" AS (
      SELECT E."actorId", E."ticketNumber", E."type", T."rating"
      FROM "Ticket" T JOIN "TicketEvent" E ON E."ticketNumber" = T."number"
      WHERE ${inPeriod} AND E."type" IN ('assigned', 'resolved') AND E."actorId" IS NOT NULL
      UNION ALL
      SELECT E."actorId", E."ticketNumber", 'revisited', T."rating"
      FROM "Ticket" T JOIN "TicketEvent" E ON E."ticketNumber" = T."number"
      WHERE ${inPeriod} AND E."type" = 'rated' AND E."actorId" IS NOT NULL AND E."note" LIKE ${REVISIT_NOTE}
    ), "acts" AS (
      SELECT "actorId" AS "memberId", MAX("rating") AS "rating",
        MAX(CASE WHEN "type" = 'assigned' THEN 1 ELSE 0 END) AS "assigned",
        MAX(CASE WHEN "type" = 'resolved' THEN 1 ELSE 0 END) AS "resolved",
        MAX(CASE WHEN "type" = 'revisited' THEN 1 ELSE 0 END) AS "revisited"
      FROM "events"
      GROUP BY "actorId", "ticketNumber"
    )
    SELECT A."memberId", SUM(A."assigned") AS "assigned", SUM(A."resolved") AS "resolved", SUM(A."revisited") AS "revisited",
      SUM(CASE WHEN A."resolved" = 1 AND A."rating" IS NOT NULL THEN 1 ELSE 0 END) AS "rated",
      SUM(CASE WHEN A."resolved" = 1 THEN CASE A."rating" ${score} ELSE 0 END ELSE 0 END) AS "ratingScore",
      SUM(CASE WHEN A."resolved" = 1 AND A."rating" IN ('satisfied', 'basically_satisfied') THEN 1 ELSE 0 END) AS "satisfied"
    FROM "acts" A
    GROUP BY A."memberId"`.execute(client.query);
  const overdue = await sql<{ memberId: string; name: string | null; overdue: number }>`
    SELECT T."assigneeId" AS "memberId", MAX(T."assigneeName") AS "name", COUNT(*) AS "overdue"
    FROM "Ticket" T
    WHERE ${inPeriod} AND T."assigneeId" IS NOT NULL AND ${overdueAt(now)}
    GROUP BY T."assigneeId"`.execute(client.query);

  const rows = new Map<string, StaffTallyRow>();
  const rowOf = (memberId: string, name: string | null) => {
    let row = rows.get(memberId);
    if (!row) rows.set(memberId, (row = { memberId, name: name ?? memberId, tally: { ...EMPTY_STAFF_TALLY } }));
    return row;
  };
  for (const act of acts.rows) {
    const row = rowOf(act.memberId, null);
    for (const key of ["assigned", "resolved", "revisited", "rated", "ratingScore", "satisfied"] as const) row.tally[key] = Number(act[key] ?? 0);
  }
  for (const late of overdue.rows) rowOf(late.memberId, late.name).tally.overdue = Number(late.overdue);
  if (rows.size === 0) return [];
  // Today's name of each member, where they still are one.
  const members = await client.query
    .selectFrom("Member")
    .select(["id", "name"])
    .where("id", "in", [...rows.keys()])
    .execute();
  for (const member of members) rows.get(member.id)!.name = member.name;
  await nameFormerMembers(client, rows, new Set(members.map((member) => member.id)), inPeriod);
  return [...rows.values()];
}

/**
 * Names those who are no longer members by the greatest name on their 派单, 办结 and rating events on the
 * period's tickets (someone only holding overdue tickets keeps the greatest of their assignee names). Rare, so
 * read apart from the figures.
 */
async function nameFormerMembers(client: Client, rows: Map<string, StaffTallyRow>, members: ReadonlySet<string>, inPeriod: RawBuilder<unknown>): Promise<void> {
  const former = [...rows.values()].filter((row) => !members.has(row.memberId));
  const acting = former.filter((row) => row.tally.assigned + row.tally.resolved + row.tally.revisited > 0).map((row) => row.memberId);
  if (acting.length === 0) return;
  const names = await sql<{ memberId: string; name: string }>`
    SELECT E."actorId" AS "memberId", MAX(E."actorName") AS "name"
    FROM "Ticket" T JOIN "TicketEvent" E ON E."ticketNumber" = T."number"
    WHERE ${inPeriod} AND E."actorId" IN (${sql.join(acting)}) AND E."type" IN ('assigned', 'resolved', 'rated')
    GROUP BY E."actorId"`.execute(client.query);
  for (const { memberId, name } of names.rows) rows.get(memberId)!.name = name;
}
