import { COLOUR_LABELS } from "../../domain/types.ts";
import type { StatsReport } from "./stats.ts";

/** Every sentence of statistics and digests (日互通、周研判、月复盘、晒单). */

export const STATS_USAGE = "用法：统计 本月（或：今天、本周、上周、上月、2026-11）";
export const STATS_TITLE = "统计";
/** The period label of figures asked for by dates (the admin API's from/to). */
export const CUSTOM_PERIOD_LABEL = "自定义";
export const NO_SUCH_UNIT = (unitId: string) => `没有编号为 ${unitId} 的单位。`;

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
    // 收到 (reported), 受理 (accepted by staff), 办结 (resolved) = 解决 (fixed) + 无法解决 + 转办: the README's definitions.
    `收到诉求 ${f.total} 件：待受理 ${f.awaitingAcceptance}，已受理 ${f.accepted}（其中办结 ${f.resolved}：解决 ${f.fixed}、无法解决 ${f.cannotFix}、转办 ${f.transferred}），不予受理 ${f.rejected}，撤回 ${f.withdrawn}`,
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
    lines.push(
      `按类别：${report.byCategory
        .sort((a, b) => b.figures.total - a.figures.total)
        .map((row) => `${row.name} ${row.figures.total}`)
        .join("、")}`,
    );
  }
  if (!publicOnly) {
    lines.push(`按颜色：${report.byColour.map((row) => `${COLOUR_LABELS[row.colour].slice(0, 2)} ${row.figures.total}`).join("、")}`);
    if (report.byEstate.length > 1) {
      lines.push(
        "按小区：",
        ...report.byEstate.map(
          (row) => `· ${row.name} ${row.figures.total} 件，办结率 ${percent(row.figures.resolutionRate)}，满意率 ${percent(row.figures.satisfaction)}`,
        ),
      );
    }
  }
  return lines.join("\n");
}

export const PUBLIC_TITLE = "晒单";
export const WEEKLY_TITLE = "周研判";
export const MONTHLY_TITLE = "月复盘";
const DIGEST_LIST_LIMIT = 15;

export interface UnitCounts {
  name: string;
  open: number;
  fresh: number;
  overdue: number;
}

export const FRESH_MARK = "｜新";

/**
 * 日互通: the open matters a work group's own level answers for, each once (cut at 15), then counts for the
 * units below with their own work groups. New means reported in the last 24 hours.
 */
export function dailyDigest(unitName: string, own: string[], counts: { fresh: number; overdue: number }, below: UnitCounts[]): string {
  const lines = [`☀️ ${unitName}每日工单简报`];
  if (own.length) {
    lines.push(`本级待办 ${own.length} 件｜近24小时新增 ${counts.fresh} 件｜${counts.overdue ? `⚠️ 超期未办 ${counts.overdue} 件` : "没有超期"}：`);
    lines.push(...own.slice(0, DIGEST_LIST_LIMIT).map((line) => `· ${line}`));
    if (own.length > DIGEST_LIST_LIMIT) lines.push(`…另有 ${own.length - DIGEST_LIST_LIMIT} 件`);
  } else {
    lines.push("本级没有待办工单 👍");
  }
  if (below.length) {
    lines.push("下级在办：", ...below.map((unit) => `· ${unit.name} ${unit.open} 件（新增 ${unit.fresh}，超期 ${unit.overdue}）`));
  }
  return lines.join("\n");
}
