import { textSimilarity } from "../text/similarity.ts";
import { conceptsOf, conditionsOf, overlap, placesConflict, placesOf } from "../text/concepts.ts";

export const DUPLICATE_WINDOW_DAYS = 7;

export interface DuplicateCandidate {
  number: number;
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  /** The estate's phase, zone and gate or garage way the ticket names, where known ("二期", "B区", "东门"). */
  phase?: string | null;
  zone?: string | null;
  spot?: string | null;
  text: string;
  createdAt: Date;
}

export interface ReportForMatching {
  category: string;
  building: string | null;
  unitNo?: string | null;
  room?: string | null;
  phase?: string | null;
  zone?: string | null;
  spot?: string | null;
  content: string;
}

type Placed = Pick<ReportForMatching, "building" | "phase" | "zone" | "spot">;

// A garage's way is one place however it is called: 地下车库入口 and 地库入口.
const spotKey = (spot: string | null | undefined) => spot?.replace(/地下车库|地下停车场|地库|停车场/, "车库") ?? null;

/**
 * The whole place a side names in the estate (phase, zone, building, gate or garage way), or null when it
 * names none. 5号楼 and B区5号楼 are different places, as are 东门 and 二期12号楼.
 */
function wholePlace(side: Placed): string | null {
  const parts = [side.phase, side.zone, side.building, spotKey(side.spot)];
  return parts.some(Boolean) ? parts.map((part) => part ?? "").join("|") : null;
}

/** Both sides name a place in the estate, and not the same one. */
export function differentPlaces(left: Placed, right: Placed): boolean {
  const [a, b] = [wholePlace(left), wholePlace(right)];
  return Boolean(a && b && a !== b);
}

/** Both sides say where, and say different places. */
function conflicts(left: string | null | undefined, right: string | null | undefined): boolean {
  return Boolean(left && right && left !== right);
}

/**
 * How surely a new report repeats an open ticket, 0..1. Two different known places (phase, zone, building,
 * gate, garage, taken together) are different matters; a place named on one side only may still match. Different buildings, units, rooms or gates are
 * different matters, and so are different things wrong (坏了 vs 太脏); otherwise what counts is the things both name (in the same category, or exactly the
 * same things when the two were read into different categories) (电梯, 楼道灯, 垃圾): the same things
 * make the same matter however it is worded, different things different matters. With nothing recognised
 * on either side, the wording's shared characters decide.
 */
export function duplicateScore(report: ReportForMatching, ticket: DuplicateCandidate): number {
  if (differentPlaces(ticket, report)) return 0;
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

/**
 * How surely a follow-up question ("我上周反映的楼顶漏水修好了吗") is about a ticket, 0..1: the things both
 * name, unless they name different places; with nothing recognised in the question, its wording.
 */
export function followUpScore(question: string, ticketText: string): number {
  if (placesConflict(placesOf(ticketText), placesOf(question))) return 0;
  const asked = conceptsOf(question);
  if (asked.size === 0) return textSimilarity(question, ticketText);
  const things = conceptsOf(ticketText);
  let shared = 0;
  for (const thing of asked) if (things.has(thing)) shared++;
  return shared / asked.size;
}

/** Whether a follow-up question names anything (a thing, a place) a ticket could be told by. */
export function followUpNamesSomething(question: string): boolean {
  return conceptsOf(question).size > 0 || placesOf(question).size > 0;
}
