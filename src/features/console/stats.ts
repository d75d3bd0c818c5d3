import { parsePeriod, type Period } from "../../domain/periods.ts";
import { addTallies, EMPTY_TALLY, figuresOf, type StatTally } from "../../domain/stats.ts";
import type { Database } from "../../store/database.ts";
import { ticketTallies } from "../../store/ticketStats.ts";
import { trendCounts } from "../../store/consoleTickets.ts";
import { serviceScope, type ServiceSettings } from "../context.ts";
import { serializeStats, statsFromTallies } from "../stats/stats.ts";
import type { ConsoleViewer } from "./viewer.ts";

export type TrendStep = "week" | "month";

const DAY_MS = 86_400_000;

/** The buckets of a trend: weeks (7 days) or calendar months (in `zone`) back from the period's end. */
export function trendBuckets(period: Period, step: TrendStep, zone: string, count = 12): { from: Date; to: Date; label: string }[] {
  const buckets: { from: Date; to: Date; label: string }[] = [];
  let to = period.to;
  for (let i = 0; i < count; i++) {
    const from = step === "week" ? new Date(to.getTime() - 7 * DAY_MS) : monthStartBefore(to, zone);
    buckets.unshift({ from, to, label: labelOf(from, step, zone) });
    to = from;
  }
  return buckets;
}

function wall(date: Date, zone: string) {
  const parts = Object.fromEntries(
    new Intl.DateTimeFormat("en-CA", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit" }).formatToParts(date).map((p) => [p.type, p.value]),
  );
  return { year: Number(parts.year), month: Number(parts.month), day: Number(parts.day) };
}

/** The start of the calendar month (in `zone`) holding the instant just before `end`. */
function monthStartBefore(end: Date, zone: string): Date {
  const { year, month } = wall(new Date(end.getTime() - 1), zone);
  return parsePeriod(`${year}-${String(month).padStart(2, "0")}`, end, zone)!.from;
}

function labelOf(from: Date, step: TrendStep, zone: string): string {
  const { year, month, day } = wall(from, zone);
  return step === "month" ? `${year}-${String(month).padStart(2, "0")}` : `${month}/${day}`;
}

/**
 * The figures of 统计 for one unit and period (the same unitStats the chat's 统计 answers with), with a
 * drill-down by the unit's direct children and a trend of the unit's figures by week or month.
 */
export async function consoleStats(db: Database, viewer: ConsoleViewer, settings: ServiceSettings, unitId: string, period: Period, step: TrendStep, now: Date) {
  const scope = serviceScope(settings, now, viewer.units);
  const subtree = [...viewer.units.subtreeIds(unitId)];
  // Counted once: the same report as the chat's 统计, and the drill-down from the same tallies.
  const tallies = await ticketTallies(db, subtree, period.from, period.to, now);
  const report = statsFromTallies(scope, unitId, period, tallies);
  const childOf = (id: string) => {
    const chain = viewer.units.ancestry(id);
    const at = chain.findIndex((unit) => unit.id === unitId);
    return at > 0 ? chain[at - 1]!.id : unitId;
  };
  const byChild = new Map<string, StatTally>();
  for (const row of tallies.byUnit) byChild.set(childOf(row.key), addTallies(byChild.get(childOf(row.key)) ?? EMPTY_TALLY, row.tally));
  const children = [...byChild].map(([id, tally]) => ({ unitId: id, name: viewer.units.get(id)?.name ?? id, figures: figuresOf(tally) }));
  const buckets = trendBuckets(period, step, settings.zone);
  const counts = await trendCounts(db, subtree, buckets);
  const trend = buckets.map((bucket, i) => ({ label: bucket.label, from: bucket.from.toISOString(), to: bucket.to.toISOString(), ...counts[i]! }));
  return { ...serializeStats(report), byChild: children, trend };
}
