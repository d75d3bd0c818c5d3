import { CONSOLE_PAGE_LABELS } from "./texts.ts";
import { seesNoUnit, type ConsoleViewer } from "./viewer.ts";

/** The console's pages (tabs), in the order the page draws them. */
export type ConsolePage = keyof typeof CONSOLE_PAGE_LABELS;

/** The pages of a unit's tickets, figures, meetings and points: for staff of some unit. */
const UNIT_PAGES: readonly ConsolePage[] = ["board", "stats", "meetings", "points", "rewards"];

/**
 * The pages a viewer may open, as the server will answer them: the unit pages for staff of some unit, 运维 for
 * an operator. The page draws these tabs and no other, so nobody is shown a tab that answers 403.
 */
export function consolePagesOf(viewer: ConsoleViewer, isOperator: boolean): { id: ConsolePage; name: string }[] {
  const pages: ConsolePage[] = [...(seesNoUnit(viewer) ? [] : UNIT_PAGES), ...(isOperator ? (["ops"] as const) : [])];
  return pages.map((id) => ({ id, name: CONSOLE_PAGE_LABELS[id] }));
}
