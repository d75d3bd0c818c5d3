import type { Period } from "../../domain/periods.ts";
import { pointFigures, type PointFigures } from "../../domain/rewards.ts";
import type { Database } from "../../store/database.ts";
import { pendingPointsByUnit, pointSumsByUnitAndKind } from "../../store/rewards.ts";
import type { ServiceScope } from "../context.ts";
import * as texts from "./texts.ts";

/**
 * Points per unit of a subtree over a period (all time when null): earned, awarded, taken back, spent and
 * outstanding, for each unit with an entry, nearest the top first, and their total; with `pendingAsOf`, also
 * the part of what is outstanding still pending at that instant (domain/rewards.ts isPending).
 */
export async function pointFiguresByUnit(
  db: Database,
  scope: Pick<ServiceScope, "units">,
  unitId: string,
  period: Pick<Period, "from" | "to"> | null,
  pendingAsOf: Date | null = null,
): Promise<{ rows: (PointFigures & { unitId: string; unit: string })[]; total: PointFigures }> {
  const unitIds = [...scope.units.subtreeIds(unitId)];
  const [sums, pending] = await Promise.all([
    pointSumsByUnitAndKind(db, unitIds, period?.from ?? null, period?.to ?? null),
    pendingAsOf ? pendingPointsByUnit(db, unitIds, pendingAsOf) : new Map<string, number>(),
  ]);
  const byUnit = new Map<string, typeof sums>();
  for (const sum of sums) byUnit.set(sum.unitId, [...(byUnit.get(sum.unitId) ?? []), sum]);
  const rows = [...byUnit.entries()]
    .map(([id, unitSums]) => ({ unitId: id, unit: scope.units.get(id)?.name ?? id, ...pointFigures(unitSums, pending.get(id) ?? 0) }))
    .sort((a, b) => unitIds.indexOf(a.unitId) - unitIds.indexOf(b.unitId));
  return {
    rows,
    total: pointFigures(
      sums,
      [...pending.values()].reduce((sum, points) => sum + points, 0),
    ),
  };
}

/**
 * 月复盘's points section for a group's unit: per estate (or unit) with entries in the period, the points
 * earned there (taking part and staff awards, less what was taken back) and spent on exchanges; "" when none.
 */
export async function monthlyPointsText(
  db: Database,
  scope: Pick<ServiceScope, "units">,
  unitId: string,
  period: Pick<Period, "from" | "to">,
): Promise<string> {
  const { rows } = await pointFiguresByUnit(db, scope, unitId, period);
  return texts.monthlyPoints(rows.map((row) => ({ unit: row.unit, earned: row.earned + row.awarded - row.takenBack, spent: row.spent })));
}
