import { sql } from "kysely";
import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

/** A meeting as the console's calendar lists it: its facts and the counts of its agenda, sign-ups and attendance. */
export interface CalendarMeetingRow {
  number: number;
  groupId: string;
  unitId: string;
  topic: string;
  place: string;
  startsAt: Date;
  status: string;
  publishedAt: Date | null;
  items: number;
  decided: number;
  done: number;
  signUps: number;
  attended: number;
}

const countOf = (table: "MeetingSignup" | "MeetingAttendance") =>
  sql<number>`(SELECT COUNT(*) FROM ${sql.table(table)} AS "S" WHERE "S"."meetingNumber" = "M"."number")`;

/**
 * The meetings of the units between `from` and `to` (by start), with their counts, each read by one
 * subquery per meeting (the month of an estate has a handful); `excludeGroupIds` leaves a platform's out.
 */
export async function calendarMeetings(
  client: Client,
  filter: { unitIds: readonly string[]; from: Date; to: Date; excludeGroupIds?: readonly string[] },
  take: number,
): Promise<CalendarMeetingRow[]> {
  if (!filter.unitIds.length) return [];
  let query = client.query
    .selectFrom("Meeting as M")
    .select([
      "M.number",
      "M.groupId",
      "M.unitId",
      "M.topic",
      "M.place",
      "M.startsAt",
      "M.status",
      "M.publishedAt",
      sql<number>`(SELECT COUNT(*) FROM "AgendaItem" AS "A" WHERE "A"."meetingNumber" = "M"."number")`.as("items"),
      sql<number>`(SELECT COUNT(*) FROM "AgendaItem" AS "A" WHERE "A"."meetingNumber" = "M"."number" AND "A"."decision" IS NOT NULL)`.as("decided"),
      sql<number>`(SELECT COUNT(*) FROM "AgendaItem" AS "A" WHERE "A"."meetingNumber" = "M"."number" AND "A"."doneAt" IS NOT NULL)`.as("done"),
      countOf("MeetingSignup").as("signUps"),
      countOf("MeetingAttendance").as("attended"),
    ])
    .where("M.unitId", "in", [...filter.unitIds])
    .where("M.startsAt", ">=", filter.from)
    .where("M.startsAt", "<", filter.to);
  if (filter.excludeGroupIds?.length) query = query.where("M.groupId", "not in", [...filter.excludeGroupIds]);
  const rows = await query.orderBy("M.startsAt").orderBy("M.number").limit(rowCount(take)).execute();
  return rows.map((row) => ({
    ...row,
    items: Number(row.items),
    decided: Number(row.decided),
    done: Number(row.done),
    signUps: Number(row.signUps),
    attended: Number(row.attended),
  }));
}

/** Names of members, by id (sign-ups, attendance, who checked them in). */
export async function namesById(client: Client, ids: readonly string[]): Promise<Map<string, string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Map();
  const rows = await client.query.selectFrom("Member").select(["id", "name"]).where("id", "in", unique).execute();
  return new Map(rows.map((row) => [row.id, row.name]));
}
