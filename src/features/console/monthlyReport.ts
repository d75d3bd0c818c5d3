import type { Readable } from "node:stream";
import type { Period } from "../../domain/periods.ts";
import type { Figures, Ratio } from "../../domain/stats.ts";
import { COLOUR_LABELS } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import type { ServiceSettings } from "../context.ts";
import { csvCell } from "./export.ts";
import { consoleStaffStats, type ConsoleStaffStats } from "./staffStats.ts";
import { consoleStats } from "./stats.ts";
import { NO_FIGURE, REPORT_GROUPS, REPORT_STAFF_HEADERS, REPORT_STAFF_SHEET, REPORT_UNIT_HEADERS, REPORT_UNITS_SHEET } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";
import { xlsxStream, type XlsxCell } from "./xlsx.ts";

type ConsoleStats = Awaited<ReturnType<typeof consoleStats>>;

/** A rate as the 统计 page shows it: "95.3%" (console/src/format.js `percent`), or — with nothing to divide. */
export const percentText = (rate: number | null): string => (rate === null ? NO_FIGURE : `${Math.round(rate * 1000) / 10}%`);
const ratioText = (ratio: Ratio) => percentText(ratio.rate);
const hours = (value: number | null): XlsxCell => (value === null ? NO_FIGURE : Math.round(value * 10) / 10);

function figureCells(figures: Figures): XlsxCell[] {
  return [
    figures.total,
    figures.awaitingAcceptance,
    figures.accepted,
    figures.open,
    figures.resolved,
    figures.fixed,
    figures.cannotFix,
    figures.transferred,
    figures.rejected,
    figures.withdrawn,
    ratioText(figures.acceptedOnTime),
    ratioText(figures.resolvedOnTime),
    ratioText(figures.resolutionRate),
    ratioText(figures.fixRate),
    ratioText(figures.satisfaction),
    hours(figures.averageHoursToAccept),
    hours(figures.averageHoursToResolve),
  ];
}

/** The 统计 table: the unit's total, each unit one level down, each category and each colour, the 统计 page's figures. */
export function unitReportRows(stats: ConsoleStats): XlsxCell[][] {
  return [
    [...REPORT_UNIT_HEADERS],
    [REPORT_GROUPS.total, stats.unitName, ...figureCells(stats.figures)],
    ...stats.byChild.map((child) => [REPORT_GROUPS.child, child.name, ...figureCells(child.figures)]),
    ...stats.byCategory.map((row) => [REPORT_GROUPS.category, row.name, ...figureCells(row.figures)]),
    ...stats.byColour.map((row) => [REPORT_GROUPS.colour, COLOUR_LABELS[row.colour] ?? row.colour, ...figureCells(row.figures)]),
  ];
}

/** The 人员 table: one row per staff member, as the 统计 page's staff table. */
export function staffReportRows(staff: ConsoleStaffStats): XlsxCell[][] {
  return [
    [...REPORT_STAFF_HEADERS],
    ...staff.staff.map((row) => [
      row.name,
      row.assigned,
      row.resolved,
      row.overdue,
      row.revisited,
      row.rated,
      row.averageRating ?? NO_FIGURE,
      percentText(row.satisfaction),
    ]),
  ];
}

export type ReportTable = "units" | "staff";

/** 月度通报 of a unit and period: the 统计 and 人员 tables, counted once each. */
export async function monthlyReport(db: Database, viewer: ConsoleViewer, settings: ServiceSettings, unitId: string, period: Period, now: Date) {
  const [stats, staff] = await Promise.all([
    consoleStats(db, viewer, settings, unitId, period, "month", now),
    consoleStaffStats(db, viewer, unitId, period, now),
  ]);
  return { unitName: stats.unitName, periodLabel: period.label, units: unitReportRows(stats), staff: staffReportRows(staff) };
}

export type MonthlyReport = Awaited<ReturnType<typeof monthlyReport>>;

export function monthlyReportXlsx(report: MonthlyReport): Readable {
  return xlsxStream([
    { name: REPORT_UNITS_SHEET, rows: report.units },
    { name: REPORT_STAFF_SHEET, rows: report.staff },
  ]);
}

/** One table as CSV (UTF-8 with a BOM, as the board's export). */
export function monthlyReportCsv(report: MonthlyReport, table: ReportTable): string {
  const rows = table === "units" ? report.units : report.staff;
  return `\uFEFF${rows.map((cells) => cells.map((cell) => csvCell(cell ?? "")).join(",")).join("\r\n")}\r\n`;
}
