import {
  COLOUR_LABELS,
  LEVEL_LABELS,
  OPEN_STATUSES,
  RATING_LABELS,
  STATUS_LABELS,
  type Colour,
  type Level,
  type Rating,
  type TicketStatus,
} from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import {
  boardCount,
  boardPage,
  groupIdsNotOn,
  type BoardCursor,
  type BoardQuery,
  type BoardRow,
  type BoardSort,
  type StaffAct,
} from "../../store/consoleTickets.ts";
import type { ConsoleViewer } from "./viewer.ts";
import { unitsInView } from "./viewer.ts";

/** The board's filters as the console asks for them (see http/routes/console.ts for the query string). */
export interface BoardFilters {
  unit?: string | undefined;
  status?: string[] | undefined;
  colour?: string | undefined;
  category?: string | undefined;
  overdue?: boolean | undefined;
  from?: Date | undefined;
  to?: Date | undefined;
  handler?: string | undefined;
  onBehalf?: boolean | undefined;
  hasPhotos?: boolean | undefined;
  q?: string | undefined;
  /** With `act`: the tickets a staff member (member id) 派单'd, 办结'd, 回访'd or holds. */
  staff?: string | undefined;
  act?: StaffAct | undefined;
}

/** "open" stands for the three open statuses. */
function statusesOf(status: readonly string[] | undefined): string[] | undefined {
  return status?.flatMap((s) => (s === "open" ? [...OPEN_STATUSES] : [s]));
}

/** The store's query for a viewer's filters; null when the unit asked for is out of the viewer's reach. */
export async function boardQueryFor(db: Database, viewer: ConsoleViewer, filters: BoardFilters, now: Date): Promise<BoardQuery | null> {
  const unitIds = unitsInView(viewer, filters.unit);
  if (!unitIds) return null;
  return {
    unitIds,
    excludeGroupIds: viewer.ownPlatformOnly ? await groupIdsNotOn(db, viewer.ownPlatformOnly) : [],
    statuses: statusesOf(filters.status) ?? [],
    colour: filters.colour ?? null,
    category: filters.category ?? null,
    overdue: filters.overdue ?? false,
    from: filters.from ?? null,
    to: filters.to ?? null,
    handler: filters.handler ?? null,
    onBehalf: filters.onBehalf ?? false,
    hasPhotos: filters.hasPhotos ?? false,
    search: filters.q ?? null,
    staff: filters.staff ? { memberId: filters.staff, act: filters.act ?? "holds" } : null,
    now,
  };
}

/** Whether an open ticket is past the deadline it now runs against. */
export function isOverdue(row: Pick<BoardRow, "status" | "acceptDueAt" | "resolveDueAt">, now: Date): boolean {
  if (!OPEN_STATUSES.has(row.status as TicketStatus)) return false;
  const due = row.status === "reported" && row.acceptDueAt < row.resolveDueAt ? row.acceptDueAt : row.resolveDueAt;
  return due.getTime() < now.getTime() || row.resolveDueAt.getTime() < now.getTime();
}

/** One board row as the console shows it: ids for links, labels for people. */
export function boardRowView(viewer: ConsoleViewer, row: BoardRow, now: Date, categoryName: (id: string) => string) {
  return {
    number: row.number,
    unitId: row.unitId,
    estate: viewer.units.get(row.unitId)?.name ?? row.unitId,
    building: row.locationText ?? ([row.building && `${row.building}号楼`, row.unitNo && `${row.unitNo}单元`, row.room].filter(Boolean).join("") || null),
    category: row.category,
    categoryName: categoryName(row.category),
    colour: row.colour,
    colourName: COLOUR_LABELS[row.colour as Colour] ?? row.colour,
    status: row.status,
    statusName: STATUS_LABELS[row.status as TicketStatus] ?? row.status,
    level: row.level,
    levelName: LEVEL_LABELS[row.level as Level] ?? row.level,
    handler: row.assigneeName,
    onBehalf: row.filedById !== null,
    photos: Number(row.photos),
    text: row.text,
    result: row.resultNote,
    rating: row.rating,
    ratingName: row.rating ? (RATING_LABELS[row.rating as Rating] ?? row.rating) : null,
    reportedAt: row.createdAt.toISOString(),
    acceptDueAt: row.acceptDueAt.toISOString(),
    resolveDueAt: row.resolveDueAt.toISOString(),
    acceptedAt: row.acceptedAt?.toISOString() ?? null,
    resolvedAt: row.resolvedAt?.toISOString() ?? null,
    overdue: isOverdue(row, now),
  };
}

export type BoardRowView = ReturnType<typeof boardRowView>;

/** The cursor as the console carries it: an opaque string. */
export function encodeCursor(cursor: BoardCursor | null): string | null {
  return cursor ? Buffer.from(JSON.stringify(cursor)).toString("base64url") : null;
}

export function decodeCursor(text: string | undefined): BoardCursor | null {
  if (!text) return null;
  try {
    const value = JSON.parse(Buffer.from(text, "base64url").toString("utf8")) as Partial<BoardCursor>;
    if (!Number.isSafeInteger(value.number)) return null;
    return { number: value.number!, ...(typeof value.resolveDueAt === "string" ? { resolveDueAt: value.resolveDueAt } : {}) };
  } catch {
    return null;
  }
}

/** The board counts its matches up to this many; beyond, it says "10000+". */
const COUNT_CAP = 10_000;

/** One page of the board, with the total the filters match and the cursor of the next page. */
export async function boardFor(
  db: Database,
  viewer: ConsoleViewer,
  query: BoardQuery,
  page: { sort: BoardSort; after: BoardCursor | null; limit: number },
  categoryName: (id: string) => string,
) {
  const [{ rows, next }, { total, capped }] = await Promise.all([boardPage(db, query, page.sort, page.after, page.limit), boardCount(db, query, COUNT_CAP)]);
  return { total, totalCapped: capped, next: encodeCursor(next), tickets: rows.map((row) => boardRowView(viewer, row, query.now, categoryName)) };
}
