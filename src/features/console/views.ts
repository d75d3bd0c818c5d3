import type { Database } from "../../store/database.ts";
import { deleteView, insertView, updateView, viewsOf, type StoredView } from "../../store/consoleViews.ts";
import { BUILT_IN_VIEWS } from "./texts.ts";
import type { ConsoleViewer } from "./viewer.ts";

/** The board's filters as the query string carries them (unit, status, overdue=1, …). */
export type ViewFilters = Record<string, string>;

/** A view of the board: a name and its filters; the built-in ones have a word for an id and cannot change. */
export interface ConsoleView {
  id: number | keyof typeof BUILT_IN_VIEWS;
  name: string;
  filters: ViewFilters;
  builtIn: boolean;
}

/** Everyone's two: 我的待办 (open tickets they handle) and 超期 (overdue in all their units). */
export function builtInViews(viewer: ConsoleViewer): ConsoleView[] {
  return [
    { id: "mine", name: BUILT_IN_VIEWS.mine, filters: { status: "open", handler: viewer.member.name }, builtIn: true },
    { id: "overdue", name: BUILT_IN_VIEWS.overdue, filters: { overdue: "1" }, builtIn: true },
  ];
}

const isBuiltInName = (name: string) => Object.values<string>(BUILT_IN_VIEWS).includes(name);

function shown(view: StoredView): ConsoleView {
  let filters: ViewFilters = {};
  try {
    filters = JSON.parse(view.filters) as ViewFilters;
  } catch {
    // A view is only ever written from checked filters; unreadable text shows as the unfiltered board.
  }
  return { id: view.id, name: view.name, filters, builtIn: false };
}

/** The viewer's views: the built-in two first, then their own in the order they saved them. */
export async function viewsFor(db: Database, viewer: ConsoleViewer): Promise<ConsoleView[]> {
  return [...builtInViews(viewer), ...(await viewsOf(db, viewer.member.id)).map(shown)];
}

export type ViewChange = { ok: true; view: ConsoleView } | { ok: false; why: "taken" | "missing" };

export async function saveView(db: Database, viewer: ConsoleViewer, name: string, filters: ViewFilters, now: Date): Promise<ViewChange> {
  if (isBuiltInName(name)) return { ok: false, why: "taken" };
  const saved = await insertView(db, { memberId: viewer.member.id, name, filters: JSON.stringify(filters), now });
  return saved ? { ok: true, view: shown(saved) } : { ok: false, why: "taken" };
}

/** Renames a view of the viewer's or replaces its filters; another member's view is as good as missing. */
export async function changeView(
  db: Database,
  viewer: ConsoleViewer,
  id: number,
  change: { name?: string; filters?: ViewFilters },
  now: Date,
): Promise<ViewChange> {
  if (change.name !== undefined && isBuiltInName(change.name)) return { ok: false, why: "taken" };
  const updated = await updateView(db, viewer.member.id, id, {
    ...(change.name !== undefined ? { name: change.name } : {}),
    ...(change.filters !== undefined ? { filters: JSON.stringify(change.filters) } : {}),
    now,
  });
  return typeof updated === "string" ? { ok: false, why: updated } : { ok: true, view: shown(updated) };
}

export function removeView(db: Database, viewer: ConsoleViewer, id: number): Promise<boolean> {
  return deleteView(db, viewer.member.id, id);
}
