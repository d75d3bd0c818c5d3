import { Readable } from "node:stream";
import type { Database } from "../../store/database.ts";
import { boardRows, type BoardQuery } from "../../store/consoleTickets.ts";
import { boardRowView, type BoardRowView } from "./board.ts";
import { EXPORT_HEADERS, ON_BEHALF_MARK, OVERDUE_MARK } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";
import { xlsxStream } from "./xlsx.ts";

/**
 * One formatter per zone: building an Intl.DateTimeFormat costs far more than using one, and its memory is
 * the ICU library's, which the garbage collector hardly sees (a year's export built 500k of them: 72 s, 2 GB).
 */
const formatters = new Map<string, Intl.DateTimeFormat>();

/** A time as people at the desk read it: "2026-11-23 10:00" in the deployment's zone. */
export function localTime(iso: string | null, zone: string): string {
  if (!iso) return "";
  let format = formatters.get(zone);
  if (!format) {
    format = new Intl.DateTimeFormat("sv-SE", { timeZone: zone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit" });
    formatters.set(zone, format);
  }
  return format.format(new Date(iso));
}

/** One exported row, in the order of EXPORT_HEADERS. */
export function exportCells(row: BoardRowView, zone: string): (string | number)[] {
  return [
    row.number,
    row.estate,
    row.building ?? "",
    row.categoryName,
    row.colourName,
    row.statusName,
    row.levelName,
    row.handler ?? "",
    localTime(row.reportedAt, zone),
    localTime(row.acceptDueAt, zone),
    localTime(row.resolveDueAt, zone),
    localTime(row.acceptedAt, zone),
    localTime(row.resolvedAt, zone),
    row.overdue ? OVERDUE_MARK : "",
    row.onBehalf ? ON_BEHALF_MARK : "",
    row.photos,
    row.ratingName ?? "",
    row.text,
    row.result ?? "",
  ];
}

async function* viewRows(db: Database, viewer: ConsoleViewer, query: BoardQuery, categoryName: (id: string) => string, zone: string) {
  for await (const row of boardRows(db, query, "newest")) yield exportCells(boardRowView(viewer, row, query.now, categoryName), zone);
}

export const csvCell = (value: string | number) => {
  const text = String(value);
  // A cell that starts like a formula is kept as text (CSV injection), and quoted where CSV needs it.
  const safe = /^[=+\-@\t\r]/.test(text) ? `'${text}` : text;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
};

/** The board as filtered, as CSV (UTF-8 with a BOM, so Excel reads the Chinese), one ticket a line, streamed. */
export function boardCsv(db: Database, viewer: ConsoleViewer, query: BoardQuery, categoryName: (id: string) => string, zone: string): Readable {
  async function* lines() {
    yield `\uFEFF${EXPORT_HEADERS.join(",")}\r\n`;
    for await (const cells of viewRows(db, viewer, query, categoryName, zone)) yield `${cells.map(csvCell).join(",")}\r\n`;
  }
  return Readable.from(lines());
}

/** The board as filtered, as an .xlsx workbook written row by row as the download is read: memory stays flat (xlsx.ts). */
export function boardXlsx(
  db: Database,
  viewer: ConsoleViewer,
  query: BoardQuery,
  categoryName: (id: string) => string,
  zone: string,
  sheetName: string,
): Readable {
  async function* rows() {
    yield [...EXPORT_HEADERS];
    yield* viewRows(db, viewer, query, categoryName, zone);
  }
  return xlsxStream([{ name: sheetName, rows: rows() }]);
}
