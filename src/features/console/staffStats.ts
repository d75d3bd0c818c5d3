import type { Period } from "../../domain/periods.ts";
import { sortStaffRows, staffFiguresOf } from "../../domain/staffFigures.ts";
import type { Database } from "../../store/database.ts";
import { staffTallies } from "../../store/staffStats.ts";
import type { ConsoleViewer } from "./viewer.ts";

/** Per-staff figures (人员统计) of a unit's subtree and period: one row per staff member who did something, by 办结. */
export async function consoleStaffStats(db: Database, viewer: ConsoleViewer, unitId: string, period: Period, now: Date) {
  const subtree = [...viewer.units.subtreeIds(unitId)];
  const tallies = await staffTallies(db, subtree, period.from, period.to, now);
  const rows = tallies.map((row) => ({ memberId: row.memberId, name: row.name, figures: staffFiguresOf(row.tally) }));
  return {
    unitId,
    period: { label: period.label, from: period.from.toISOString(), to: period.to.toISOString() },
    staff: sortStaffRows(rows).map((row) => ({ memberId: row.memberId, name: row.name, ...row.figures })),
  };
}

export type ConsoleStaffStats = Awaited<ReturnType<typeof consoleStaffStats>>;
