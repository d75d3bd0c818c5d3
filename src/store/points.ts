import { sql } from "kysely";
import type { ExchangeKind } from "../domain/rewards.ts";
import type { Database, Tx } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

export interface PointDraft {
  memberId: string;
  unitId: string;
  points: number;
  kind: "report_accepted" | "report_reversed" | "meeting_attended" | "meeting_cancelled" | "award" | ExchangeKind;
  reason: string;
  ticketNumber?: number | null;
  meetingNumber?: number | null;
  awardedById?: string | null;
  dedupeKey?: string | null;
  at: Date;
}

/** Adds an entry; one with a dedupe key already used is skipped (automatic awards happen once, also when two race). */
export async function addPoints(tx: Tx, entry: PointDraft): Promise<boolean> {
  const inserted = await tx.query
    .insertInto("PointEntry")
    .values(entry)
    .onConflict((conflict) => conflict.column("dedupeKey").doNothing())
    .returning("id")
    .executeTakeFirst();
  return inserted !== undefined;
}

export function pointEntryByKey(client: Client, dedupeKey: string) {
  return client.query
    .selectFrom("PointEntry")
    .selectAll()
    .where("dedupeKey", "=", dedupeKey)
    .executeTakeFirst()
    .then((row) => row ?? null);
}

const pointsSum = sql<number | null>`SUM("points")`.as("points");

/** What staff awards (积分 奖励) have given a member since `from`. */
export async function awardedSince(client: Client, memberId: string, from: Date): Promise<number> {
  const row = await client.query
    .selectFrom("PointEntry")
    .select(pointsSum)
    .where("memberId", "=", memberId)
    .where("kind", "=", "award")
    .where("at", ">=", from)
    .executeTakeFirst();
  return row?.points ?? 0;
}

/** The attendance points (签到) earned at a meeting. */
export function attendanceEntries(client: Client, meetingNumber: number) {
  return client.query
    .selectFrom("PointEntry")
    .selectAll()
    .where("kind", "=", "meeting_attended")
    .where("dedupeKey", "like", `meeting_attended:${meetingNumber}:%`)
    .orderBy("id")
    .execute();
}

export async function pointBalance(client: Client, memberId: string): Promise<number> {
  const row = await client.query.selectFrom("PointEntry").select(pointsSum).where("memberId", "=", memberId).executeTakeFirst();
  return row?.points ?? 0;
}

export function pointHistory(client: Client, memberId: string, take: number) {
  return client.query
    .selectFrom("PointEntry")
    .selectAll()
    .where("memberId", "=", memberId)
    .orderBy("at", "desc")
    .orderBy("id", "desc")
    .limit(rowCount(take))
    .execute();
}

/** The unit's members by points earned there, highest first. */
export async function pointLeaderboard(
  client: Client,
  unitIds: readonly string[],
  take: number,
): Promise<{ memberId: string; name: string; points: number }[]> {
  if (!unitIds.length) return [];
  const rows = await client.query
    .selectFrom("PointEntry")
    .leftJoin("Member", "Member.id", "PointEntry.memberId")
    .select(["PointEntry.memberId", "Member.name", sql<number>`SUM("PointEntry"."points")`.as("points")])
    .where("PointEntry.unitId", "in", [...unitIds])
    .groupBy(["PointEntry.memberId", "Member.name"])
    .execute();
  return rows
    .map((row) => ({ memberId: row.memberId, name: row.name ?? row.memberId, points: row.points }))
    .filter((row) => row.points > 0)
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, "zh"))
    .slice(0, take);
}
