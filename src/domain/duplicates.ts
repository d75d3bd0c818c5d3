import { textSimilarity } from "../text/similarity.ts";
import { DUPLICATE_MODEL } from "./duplicateModel.ts";
import { pairFeatures } from "./duplicateFeatures.ts";
import { pairProbability, type PairModel } from "./pairModel.ts";
import { conceptsOf, conditionsOf, overlap, partsOf, placesConflict, placesOf } from "../text/concepts.ts";
import { matchingText, surelyBuilding } from "./matchingText.ts";

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
  /** The danger its words tell, where known: red (happening now), possible, or none (null). */
  danger?: "red" | "possible" | null;
  /** The hazard of that danger ("lift", "gas"), where known. */
  hazard?: string | null;
  /** What it is about, as the category model reads it (topicsOf), where known. */
  topics?: readonly number[] | null;
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
  /** The danger its words tell, where known: red (happening now), possible, or none (null). */
  danger?: "red" | "possible" | null;
  /** The hazard of that danger ("lift", "gas"), where known. */
  hazard?: string | null;
  /** What it is about, as the category model reads it (topicsOf), where known. */
  topics?: readonly number[] | null;
  content: string;
}

type Placed = Pick<ReportForMatching, "building" | "phase" | "zone" | "spot">;

// A garage's way is one place however it is called: 地下车库入口, 地库入口 and 车库进口.
const spotKey = (spot: string | null | undefined) => spot?.replace(/地下车库|地下停车场|地库|停车场/, "车库").replace("进口", "入口") ?? null;

/**
 * The place a side names in the estate: phase, zone and building, and the gate or garage way apart. A zone
 * said within the garage's name (地库B区) is the zone.
 */
function placeParts(side: Placed): { estate: string; spot: string | null } {
  const zoneInSpot = side.zone ? null : (side.spot?.match(/[A-F]区/i)?.[0]?.toUpperCase() ?? null);
  const spot = spotKey(zoneInSpot ? side.spot?.replace(/[A-F]区/i, "") : side.spot) || null;
  return { estate: [side.phase ?? "", side.zone ?? zoneInSpot ?? "", side.building ?? ""].join("|"), spot };
}

/**
 * Both sides name a place in the estate, and not the same one: 5号楼 and B区5号楼 are different places, as
 * are 东门 and 二期12号楼. Two sides that both name a building are compared by phase, zone and building, and
 * by the gate or garage way only when both name one (东门到8栋 and 8号楼那条路 are one place).
 */
export function differentPlaces(left: Placed, right: Placed): boolean {
  const [a, b] = [placeParts(left), placeParts(right)];
  const named = (parts: typeof a) => parts.estate !== "||" || Boolean(parts.spot);
  if (!named(a) || !named(b)) return false;
  // A garage and its entrance (车库, 车库入口) may be one place; two different ways (东门, 西门) are not.
  const spotsDiffer = Boolean(a.spot && b.spot && !a.spot.startsWith(b.spot) && !b.spot.startsWith(a.spot));
  if (left.building && right.building) return a.estate !== b.estate || spotsDiffer;
  // A zone's garage named on one side only is that zone (地库B区 and B区 128号车位); a gate named on one side only parts.
  const oneSidedSpot = a.spot ?? b.spot;
  const zoneGarage = oneSidedSpot?.startsWith("车库") && a.estate.split("|")[1] !== "";
  return a.estate !== b.estate || spotsDiffer || (Boolean(a.spot) !== Boolean(b.spot) && !zoneGarage);
}

/** Both sides say where, and say different places. */
function conflicts(left: string | null | undefined, right: string | null | undefined): boolean {
  return Boolean(left && right && left !== right);
}

/**
 * Whether the rules already say two reports are different matters: different known places (phase, zone,
 * building, gate, garage, taken together; a place named on one side only may still match), different units,
 * rooms or parts of the building, different parts of a thing (按钮 vs 显示屏), different things wrong (坏了不动 vs 太脏) or different things (电梯 vs 门禁).
 */
export function differentMatters(report: ReportForMatching, ticket: DuplicateCandidate): boolean {
  const [ticketText, reportText] = [matchingText(ticket.text), matchingText(report.content)];
  // A building read from a bare "N楼" may be a floor (停在8楼, 负一楼): only a building said as one parts two reports.
  const [ticketPlace, reportPlace] = [
    { ...ticket, building: surelyBuilding(ticketText, ticket.building) },
    { ...report, building: surelyBuilding(reportText, report.building) },
  ];
  if (differentPlaces(ticketPlace, reportPlace)) return true;
  if (conflicts(ticketPlace.building, reportPlace.building) || conflicts(ticket.unitNo, report.unitNo) || conflicts(ticket.room, report.room)) return true;
  if (placesConflict(placesOf(ticketText), placesOf(reportText))) return true;
  const conditions = [conditionsOf(ticketText), conditionsOf(reportText)] as const;
  if (conditions[0].size && conditions[1].size && overlap(conditions[0], conditions[1]) === 0) return true;
  const parts = [partsOf(ticketText), partsOf(reportText)] as const;
  if (parts[0].size && parts[1].size && overlap(parts[0], parts[1]) === 0) return true;
  const things = [conceptsOf(ticketText), conceptsOf(reportText)] as const;
  return things[0].size > 0 && things[1].size > 0 && overlap(things[0], things[1]) === 0;
}

/**
 * How surely a new report repeats an open ticket, 0..1: zero when the rules tell them apart
 * (differentMatters), otherwise the similarity learnt from the writers' paraphrase and look-alike pairs
 * (duplicateModel.ts) over how alike the wording is, the things and faults both name, category and place.
 */
export function duplicateScore(report: ReportForMatching, ticket: DuplicateCandidate, model: PairModel = DUPLICATE_MODEL): number {
  if (differentMatters(report, ticket)) return 0;
  return pairProbability(model, pairFeatures({ ...ticket }, { ...report, text: report.content }));
}

/**
 * The open ticket a new report repeats, if any: same estate (the caller passes only that estate's open
 * tickets), reported within seven days, about the same things in the same place, as sure as the learnt
 * threshold (chosen by leave-one-writer-out over the train writers' pairs).
 */
export function findDuplicate<T extends DuplicateCandidate>(
  report: ReportForMatching,
  candidates: readonly T[],
  now: Date,
  readCandidate: (ticket: T) => DuplicateCandidate = (ticket) => ticket,
): T | undefined {
  const earliest = now.getTime() - DUPLICATE_WINDOW_DAYS * 86_400_000;
  let best: { ticket: T; score: number } | undefined;
  for (const ticket of candidates) {
    if (ticket.createdAt.getTime() < earliest) continue;
    // Places and things that part the two are read first: the costlier reading of a ticket's words (its danger,
    // what it is about) is done only for the few that could be the same matter.
    if (differentMatters(report, ticket)) continue;
    const score = pairProbability(DUPLICATE_MODEL, pairFeatures({ ...readCandidate(ticket) }, { ...report, text: report.content }));
    if (score >= DUPLICATE_MODEL.threshold && (!best || score > best.score)) best = { ticket, score };
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
