import { parsePeriod, type Period } from "../../domain/periods.ts";
import { Refusal } from "../../domain/refusal.ts";
import { addTallies, EMPTY_TALLY, figuresOf, type Figures, type StatTally } from "../../domain/stats.ts";
import type { Colour } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database, Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { ticketTallies, type GroupedTallies, type KeyedTally } from "../../store/ticketStats.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { reply } from "../posts.ts";
import * as texts from "./texts.ts";

export interface StatsReport {
  unitId: string;
  unitName: string;
  period: Period;
  figures: Figures;
  byEstate: { unitId: string; name: string; figures: Figures }[];
  byCommunity: { unitId: string; name: string; figures: Figures }[];
  byCategory: { category: string; name: string; figures: Figures }[];
  byColour: { colour: Colour; figures: Figures }[];
}

function ancestorAt(units: UnitTree, unitId: string, level: string) {
  return units.ancestry(unitId).find((unit) => unit.level === level);
}

/** Tallies summed per key, keys in first-seen order (the lowest ticket number among each key's tickets). */
function combined(rows: readonly KeyedTally[], keyOf: (key: string) => string): { key: string; figures: Figures }[] {
  const sums = new Map<string, { firstNumber: number; tally: StatTally }>();
  for (const row of rows) {
    const key = keyOf(row.key);
    const sum = sums.get(key);
    sums.set(key, {
      firstNumber: Math.min(sum?.firstNumber ?? Infinity, row.firstNumber),
      tally: addTallies(sum?.tally ?? EMPTY_TALLY, row.tally),
    });
  }
  return [...sums].sort(([, a], [, b]) => a.firstNumber - b.firstNumber).map(([key, sum]) => ({ key, figures: figuresOf(sum.tally) }));
}

/**
 * The figures for a unit and everything below it, for tickets reported in the period, as of `scope.now`.
 * The database counts per unit, category and colour; estates and communities are sums of their units.
 */
export async function unitStats(client: Database, scope: ServiceScope, unitId: string, period: Period): Promise<StatsReport> {
  if (!scope.units.get(unitId)) throw new Refusal(texts.NO_SUCH_UNIT(unitId));
  return statsFromTallies(scope, unitId, period, await ticketTallies(client, [...scope.units.subtreeIds(unitId)], period.from, period.to, scope.now));
}

/** The report of `unitStats` from tallies already counted (the console counts once for this and its drill-down). */
export function statsFromTallies(scope: ServiceScope, unitId: string, period: Period, tallies: GroupedTallies): StatsReport {
  const unit = scope.units.get(unitId);
  if (!unit) throw new Refusal(texts.NO_SUCH_UNIT(unitId));
  const estateOf = (id: string) => ancestorAt(scope.units, id, "estate")?.id ?? id;
  const communityOf = (id: string) => ancestorAt(scope.units, id, "community")?.id ?? id;
  const nameOf = (id: string) => scope.units.get(id)?.name ?? id;
  return {
    unitId,
    unitName: unit.name,
    period,
    figures: figuresOf(tallies.byUnit.reduce<StatTally>((sum, row) => addTallies(sum, row.tally), EMPTY_TALLY)),
    byEstate: combined(tallies.byUnit, estateOf).map(({ key, figures }) => ({ unitId: key, name: nameOf(key), figures })),
    byCommunity: combined(tallies.byUnit, communityOf).map(({ key, figures }) => ({ unitId: key, name: nameOf(key), figures })),
    byCategory: combined(tallies.byCategory, (key) => key).map(({ key, figures }) => ({ category: key, name: scope.text.categoryName(key), figures })),
    byColour: combined(tallies.byColour, (key) => key).map(({ key, figures }) => ({ colour: key as Colour, figures })),
  };
}

/** 统计 [今天|本周|本月|上月|2026-11]: the figures for this group's unit and below. */
export async function statsReply(tx: Tx, ctx: MessageContext, periodWord: string | null): Promise<PostDraft[]> {
  const period = parsePeriod(periodWord, ctx.now, ctx.settings.zone);
  if (!period) throw new Refusal(texts.STATS_USAGE);
  const report = await unitStats(tx, ctx, ctx.group.unitId, period);
  return [reply(ctx, texts.statsText(report, texts.STATS_TITLE, ctx.group.kind === "residents"))];
}

/** The API's JSON: the same figures, periods as ISO-8601. */
export function serializeStats(report: StatsReport) {
  return { ...report, period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label } };
}
