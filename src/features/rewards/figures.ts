import type { Period } from "../../domain/periods.ts";
import { pointFigures, type PointFigures } from "../../domain/rewards.ts";
import type { Database } from "../../store/database.ts";
import { pendingPointsByUnit, pointSumsByUnitAndKind, type PointSum } from "../../store/rewards.ts";
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
  return pointFiguresOfSums(scope, unitId, sums, pending);
}

/** `pointFiguresByUnit` from sums read already, for a wider set of units (the sums outside the subtree are left out). */
export function pointFiguresOfSums(
  scope: Pick<ServiceScope, "units">,
  unitId: string,
  sums: readonly PointSum[],
  pending: ReadonlyMap<string, number> = new Map(),
): { rows: (PointFigures & { unitId: string; unit: string })[]; total: PointFigures } {
  const unitIds = [...scope.units.subtreeIds(unitId)];
  const inSubtree = new Set(unitIds);
  const byUnit = new Map<string, PointSum[]>();
  for (const sum of sums) if (inSubtree.has(sum.unitId)) byUnit.set(sum.unitId, [...(byUnit.get(sum.unitId) ?? []), sum]);
  const rows = [...byUnit.entries()]
    .map(([id, unitSums]) => ({ unitId: id, unit: scope.units.get(id)?.name ?? id, ...pointFigures(unitSums, pending.get(id) ?? 0) }))
    .sort((a, b) => unitIds.indexOf(a.unitId) - unitIds.indexOf(b.unitId));
  const pendingTotal = [...pending.entries()].filter(([id]) => inSubtree.has(id)).reduce((sum, [, points]) => sum + points, 0);
  return { rows, total: pointFigures([...byUnit.values()].flat(), pendingTotal) };
}

/**
 * 月复盘's points section for a group's unit, from the period's sums (`pointSumsByUnitAndKind`, read once for
 * every group): per estate (or unit) with entries in the period, the points earned there (taking part and
 * staff awards, less what was taken back) and spent on exchanges; "" when none.
 */
export function monthlyPointsText(scope: Pick<ServiceScope, "units">, unitId: string, sums: readonly PointSum[]): string {
  const { rows } = pointFiguresOfSums(scope, unitId, sums);
  return texts.monthlyPoints(rows.map((row) => ({ unit: row.unit, earned: row.earned + row.awarded - row.takenBack, spent: row.spent })));
}
