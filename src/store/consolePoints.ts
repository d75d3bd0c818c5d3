import { sql } from "kysely";
import { STAFF_ROLES } from "../domain/types.ts";
import type { Database } from "./database.ts";
import { rowCount } from "./literals.ts";

type Client = Database;

const staffRoleList = () => [...STAFF_ROLES].map((role) => sql.lit(role));

/**
 * The residents' leaderboard of the units over a period (points earned there, taken-back entries counted
 * against them), highest first: as the chat's 积分榜, members holding a staff role anywhere are left out
 * (in the same statement), and so is anyone whose total is not above zero.
 */
export async function leaderboardOf(
  client: Client,
  filter: { unitIds: readonly string[]; from: Date | null; to: Date | null },
  take: number,
): Promise<{ memberId: string; name: string; points: number; entries: number }[]> {
  if (!filter.unitIds.length) return [];
  let query = client.query
    .selectFrom("PointEntry as P")
    .leftJoin("Member as M", "M.id", "P.memberId")
    .select(["P.memberId", "M.name", sql<number>`SUM("P"."points")`.as("points"), sql<number>`COUNT(*)`.as("entries")])
    .where("P.unitId", "in", [...filter.unitIds])
    .where((eb) =>
      eb.not(eb.exists(eb.selectFrom("Membership as S").select("S.memberId").whereRef("S.memberId", "=", "P.memberId").where("S.role", "in", staffRoleList()))),
    );
  if (filter.from) query = query.where("P.at", ">=", filter.from);
  if (filter.to) query = query.where("P.at", "<", filter.to);
  const rows = await query
    .groupBy(["P.memberId", "M.name"])
    .having(sql`SUM("P"."points")`, ">", 0)
    .orderBy(sql`SUM("P"."points")`, "desc")
    .orderBy("P.memberId")
    .limit(rowCount(take))
    .execute();
  return rows.map((row) => ({ memberId: row.memberId, name: row.name ?? row.memberId, points: Number(row.points), entries: Number(row.entries) }));
}

export interface LedgerEntry {
  id: number;
  unitId: string;
  points: number;
  kind: string;
  reason: string;
  ticketNumber: number | null;
  awardedBy: string | null;
  at: Date;
}

/** A member's entries earned in the units, newest first, with who awarded each (a staff award), and the total there. */
export async function ledgerOf(client: Client, memberId: string, unitIds: readonly string[], take: number): Promise<{ total: number; entries: LedgerEntry[] }> {
  if (!unitIds.length) return { total: 0, entries: [] };
  const [entries, total] = await Promise.all([
    client.query
      .selectFrom("PointEntry as P")
      .leftJoin("Member as A", "A.id", "P.awardedById")
      .select(["P.id", "P.unitId", "P.points", "P.kind", "P.reason", "P.ticketNumber", "A.name as awardedBy", "P.at"])
      .where("P.memberId", "=", memberId)
      .where("P.unitId", "in", [...unitIds])
      .orderBy("P.at", "desc")
      .orderBy("P.id", "desc")
      .limit(rowCount(take))
      .execute(),
    client.query
      .selectFrom("PointEntry")
      .select(sql<number | null>`SUM("points")`.as("points"))
      .where("memberId", "=", memberId)
      .where("unitId", "in", [...unitIds])
      .executeTakeFirst(),
  ]);
  return { total: Number(total?.points ?? 0), entries };
}
