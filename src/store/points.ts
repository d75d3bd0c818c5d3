import type { Database, Tx } from "./database.ts";

type Client = Database | Tx;

export interface PointDraft {
  memberId: string;
  unitId: string;
  points: number;
  kind: "report_accepted" | "report_reversed" | "meeting_attended" | "meeting_cancelled" | "award";
  reason: string;
  ticketNumber?: number | null;
  awardedById?: string | null;
  dedupeKey?: string | null;
  at: Date;
}

/** Adds an entry; one with a dedupe key already used is skipped (automatic awards happen once). */
export async function addPoints(tx: Tx, entry: PointDraft): Promise<boolean> {
  if (entry.dedupeKey && (await tx.pointEntry.findUnique({ where: { dedupeKey: entry.dedupeKey } }))) return false;
  await tx.pointEntry.create({ data: entry });
  return true;
}

export function pointEntryByKey(client: Client, dedupeKey: string) {
  return client.pointEntry.findUnique({ where: { dedupeKey } });
}

/** What staff awards (积分 奖励) have given a member since `from`. */
export async function awardedSince(client: Client, memberId: string, from: Date): Promise<number> {
  const result = await client.pointEntry.aggregate({ where: { memberId, kind: "award", at: { gte: from } }, _sum: { points: true } });
  return result._sum.points ?? 0;
}

/** The attendance points (签到) earned at a meeting. */
export function attendanceEntries(client: Client, meetingNumber: number) {
  return client.pointEntry.findMany({ where: { kind: "meeting_attended", dedupeKey: { startsWith: `meeting_attended:${meetingNumber}:` } } });
}

export async function pointBalance(client: Client, memberId: string): Promise<number> {
  const result = await client.pointEntry.aggregate({ where: { memberId }, _sum: { points: true } });
  return result._sum.points ?? 0;
}

export function pointHistory(client: Client, memberId: string, take: number) {
  return client.pointEntry.findMany({ where: { memberId }, orderBy: [{ at: "desc" }, { id: "desc" }], take });
}

/** The unit's members by points earned there, highest first. */
export async function pointLeaderboard(
  client: Client,
  unitIds: readonly string[],
  take: number,
): Promise<{ memberId: string; name: string; points: number }[]> {
  const rows = await client.pointEntry.groupBy({ by: ["memberId"], where: { unitId: { in: [...unitIds] } }, _sum: { points: true } });
  const members = await client.member.findMany({ where: { id: { in: rows.map((row) => row.memberId) } } });
  const names = new Map(members.map((member) => [member.id, member.name]));
  return rows
    .map((row) => ({ memberId: row.memberId, name: names.get(row.memberId) ?? row.memberId, points: row._sum.points ?? 0 }))
    .filter((row) => row.points > 0)
    .sort((a, b) => b.points - a.points || a.name.localeCompare(b.name, "zh"))
    .slice(0, take);
}
