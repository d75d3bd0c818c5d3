import type { Period } from "../../domain/periods.ts";
import { leaderboardOf, ledgerOf } from "../../store/consolePoints.ts";
import type { Database } from "../../store/database.ts";
import { findMember } from "../../store/org.ts";
import { maskPhoneNumbers } from "../../text/mask.ts";
import { ALL_TIME, POINT_KIND_LABELS } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";

const LEADERBOARD_SIZE = 50;
const LEDGER_SIZE = 200;

/** The residents' 积分榜 of the units over a period (or of all time): as the chat's, staff left out, names only. */
export async function leaderboard(db: Database, unitIds: string[], period: Period | null) {
  const rows = await leaderboardOf(db, { unitIds, from: period?.from ?? null, to: period?.to ?? null }, LEADERBOARD_SIZE);
  return {
    period: period ? { from: period.from.toISOString(), to: period.to.toISOString(), label: period.label } : { from: null, to: null, label: ALL_TIME },
    rows: rows.map((row) => ({
      rank: rows.findIndex((other) => other.points === row.points) + 1,
      memberId: row.memberId,
      name: maskPhoneNumbers(row.name),
      points: row.points,
      entries: row.entries,
    })),
  };
}

/** Splits a ledger's entries the way staff ask about them: earned by taking part, awarded by staff, taken back. */
export function ledgerTotals(entries: readonly { points: number; kind: string }[]) {
  const totals = { earned: 0, awarded: 0, takenBack: 0 };
  for (const entry of entries) {
    if (entry.points < 0) totals.takenBack += -entry.points;
    else if (entry.kind === "award") totals.awarded += entry.points;
    else totals.earned += entry.points;
  }
  return totals;
}

/**
 * A resident's ledger in the viewer's units: each entry (earned, awarded, taken back) with its reason and who
 * awarded it, phone numbers masked as the chat masks them; null when they have no entry in reach.
 */
export async function residentLedger(db: Database, viewer: ConsoleViewer, memberId: string, unitIds: string[]) {
  const [member, ledger] = await Promise.all([findMember(db, memberId), ledgerOf(db, memberId, unitIds, LEDGER_SIZE)]);
  if (!member || !ledger.entries.length) return null;
  return {
    member: { id: member.id, name: maskPhoneNumbers(member.name) },
    total: ledger.total,
    ...ledgerTotals(ledger.entries),
    entries: ledger.entries.map((entry) => ({
      id: entry.id,
      at: entry.at.toISOString(),
      points: entry.points,
      kind: entry.kind,
      kindName: POINT_KIND_LABELS[entry.kind] ?? entry.kind,
      reason: maskPhoneNumbers(entry.reason),
      estate: viewer.units.get(entry.unitId)?.name ?? entry.unitId,
      ticketNumber: entry.ticketNumber,
      awardedBy: entry.awardedBy,
    })),
  };
}
