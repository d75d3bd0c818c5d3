import { parsePeriod, type Period } from "../../domain/periods.ts";
import { Refusal } from "../../domain/refusal.ts";
import { computeFigures, figuresBy, type Figures } from "../../domain/stats.ts";
import { COLOUR_LABELS, type Colour } from "../../domain/types.ts";
import type { UnitTree } from "../../domain/units.ts";
import type { Database, Tx } from "../../store/database.ts";
import type { PostDraft } from "../../store/messages.ts";
import { ticketsReportedBetween } from "../../store/tickets.ts";
import type { MessageContext, ServiceScope } from "../context.ts";
import { reply } from "../posts.ts";

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

/** The figures for a unit and everything below it, for tickets reported in the period, as of `scope.now`. */
export async function unitStats(client: Database | Tx, scope: ServiceScope, unitId: string, period: Period): Promise<StatsReport> {
  const unit = scope.units.get(unitId);
  if (!unit) throw new Refusal(`没有编号为 ${unitId} 的单位。`);
  const tickets = await ticketsReportedBetween(client, [...scope.units.subtreeIds(unitId)], period.from, period.to);
  const now = scope.now;
  const estateOf = (id: string) => ancestorAt(scope.units, id, "estate")?.id ?? id;
  const communityOf = (id: string) => ancestorAt(scope.units, id, "community")?.id ?? id;
  return {
    unitId,
    unitName: unit.name,
    period,
    figures: computeFigures(tickets, now),
    byEstate: [...figuresBy(tickets, (ticket) => estateOf(ticket.unitId), now)].map(([id, figures]) => ({ unitId: id, name: scope.units.get(id)?.name ?? id, figures })),
    byCommunity: [...figuresBy(tickets, (ticket) => communityOf(ticket.unitId), now)].map(([id, figures]) => ({ unitId: id, name: scope.units.get(id)?.name ?? id, figures })),
    byCategory: [...figuresBy(tickets, (ticket) => ticket.category, now)].map(([category, figures]) => ({ category, name: scope.text.categoryName(category), figures })),
    byColour: [...figuresBy(tickets, (ticket) => ticket.colour, now)].map(([colour, figures]) => ({ colour: colour as Colour, figures })),
  };
}

const percent = (ratio: { numerator: number; denominator: number; rate: number | null }) =>
  ratio.rate === null ? "—" : `${(ratio.rate * 100).toFixed(1)}%（${ratio.numerator}/${ratio.denominator}）`;
const hours = (value: number | null) => (value === null ? "—" : value < 1 ? `${Math.round(value * 60)} 分钟` : `${value.toFixed(1)} 小时`);

/**
 * The figures as a group reads them. `publicOnly` (晒单 in residents' groups) keeps to counts and rates:
 * no ticket texts, names or numbers.
 */
export function statsText(report: StatsReport, title: string, publicOnly = false): string {
  const f = report.figures;
  const lines = [
    `📊 ${report.unitName} · ${report.period.label}${title}`,
    `共受理诉求 ${f.total} 件：已办结 ${f.resolved}（其中解决 ${f.fixed}），办理中 ${f.open}，不予受理 ${f.rejected}，撤回 ${f.withdrawn}`,
  ];
  if (f.total === 0) return lines.join("\n");
  lines.push(
    `受理及时率 ${percent(f.acceptedOnTime)}`,
    `按时办结率 ${percent(f.resolvedOnTime)}`,
    `办结率 ${percent(f.resolutionRate)}｜解决率 ${percent(f.fixRate)}`,
    `满意率 ${percent(f.satisfaction)}`,
    `平均受理用时 ${hours(f.averageHoursToAccept)}｜平均办结用时 ${hours(f.averageHoursToResolve)}`,
  );
  if (report.byCategory.length) {
    lines.push(`按类别：${report.byCategory.sort((a, b) => b.figures.total - a.figures.total).map((row) => `${row.name} ${row.figures.total}`).join("、")}`);
  }
  if (!publicOnly) {
    lines.push(`按颜色：${report.byColour.map((row) => `${COLOUR_LABELS[row.colour].slice(0, 2)} ${row.figures.total}`).join("、")}`);
    if (report.byEstate.length > 1) {
      lines.push(
        "按小区：",
        ...report.byEstate.map((row) => `· ${row.name} ${row.figures.total} 件，办结率 ${percent(row.figures.resolutionRate)}，满意率 ${percent(row.figures.satisfaction)}`),
      );
    }
  }
  return lines.join("\n");
}

/** 统计 [今天|本周|本月|上月|2026-11]: the figures for this group's unit and below. */
export async function statsReply(tx: Tx, ctx: MessageContext, periodWord: string | null): Promise<PostDraft[]> {
  const period = parsePeriod(periodWord, ctx.now, ctx.settings.zone);
  if (!period) throw new Refusal("用法：统计 本月（或：今天、本周、上周、上月、2026-11）");
  const report = await unitStats(tx, ctx, ctx.group.unitId, period);
  return [reply(ctx, statsText(report, "统计", ctx.group.kind === "residents"))];
}

/** The API's JSON: the same figures, periods as ISO-8601. */
export function serializeStats(report: StatsReport) {
  return { ...report, period: { from: report.period.from.toISOString(), to: report.period.to.toISOString(), label: report.period.label } };
}
