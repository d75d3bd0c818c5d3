import { textSimilarity } from "../text/similarity.ts";
import { conceptsOf, conditionsOf, overlap, placesConflict, placesOf } from "../text/concepts.ts";

export const DUPLICATE_WINDOW_DAYS = 7;

export interface DuplicateCandidate {
  number: number;
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  text: string;
  createdAt: Date;
}

export interface ReportForMatching {
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  content: string;
}

/** Both sides say where, and say different places. */
function conflicts(left: string | null | undefined, right: string | null | undefined): boolean {
  return Boolean(left && right && left !== right);
}

/**
 * How surely a new report repeats an open ticket, 0..1. Different buildings, units, rooms or gates are
 * different matters, and so are different things wrong (坏了 vs 太脏); otherwise what counts is the things both name (in the same category, or exactly the
 * same things when the two were read into different categories) (电梯, 楼道灯, 垃圾): the same things
 * make the same matter however it is worded, different things different matters. With nothing recognised
 * on either side, the wording's shared characters decide.
 */
export function duplicateScore(report: ReportForMatching, ticket: DuplicateCandidate): number {
  if (conflicts(ticket.building, report.building) || conflicts(ticket.unitNo, report.unitNo) || conflicts(ticket.room, report.room)) return 0;
  if (placesConflict(placesOf(ticket.text), placesOf(report.content))) return 0;
  const conditions = [conditionsOf(ticket.text), conditionsOf(report.content)] as const;
  if (conditions[0].size && conditions[1].size && overlap(conditions[0], conditions[1]) === 0) return 0;
  const things = [conceptsOf(ticket.text), conceptsOf(report.content)] as const;
  const named = things[0].size > 0 && things[1].size > 0;
  // Read into different categories, the two are one matter only when they name exactly the same things.
  if (ticket.category !== report.category) return named && overlap(things[0], things[1]) === 1 ? 1 : 0;
  return named ? overlap(things[0], things[1]) : textSimilarity(ticket.text, report.content);
}

/**
 * The open ticket a new report repeats, if any: same estate (the caller passes only that estate's open
 * tickets), reported within seven days, about the same things in the same place. When only
 * one side names a building, the match must be closer, since "电梯坏了" could be any building's lift.
 */
export function findDuplicate<T extends DuplicateCandidate>(report: ReportForMatching, candidates: readonly T[], now: Date): T | undefined {
  const earliest = now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000;
  let best: { ticket: T; score: number } | undefined;
  for (const ticket of candidates) {
    if (ticket.createdAt.getTime() < earliest) continue;
    const score = duplicateScore(report, ticket);
    const bothPlaced = Boolean(ticket.building) && Boolean(report.building);
    const threshold = bothPlaced ? 0.6 : ticket.building || report.building ? 0.75 : 0.6;
    if (score >= threshold && (!best || score > best.score)) best = { ticket, score };
  }
  return best?.ticket;
}
