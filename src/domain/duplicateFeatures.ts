import { charDice, textSimilarity } from "../text/similarity.ts";
import { conceptsOf, conditionsOf, overlap, placesOf, saysBroken, withoutThingsAndPlaces } from "../text/concepts.ts";
import { matchingText } from "./matchingText.ts";

/** One side of a pair of reports, as far as the matching reads it. */
export interface PairSide {
  category: string;
  building: string | null;
  unitNo?: string | null;
  /** The danger its words tell, where known: red (happening now), possible, or none (null). */
  danger?: "red" | "possible" | null;
  /** What it is about, as the category model reads it (topicsOf), where known. */
  topics?: readonly number[] | null;
  text: string;
}

/**
 * What the learned similarity of two reports reads (duplicateModel.ts holds its weights), in this order.
 * Each is 0..1: how alike the wording is (character pairs and characters), the things and faults both name,
 * and whether the two were read into one category and placed in one building and unit.
 */
export const PAIR_FEATURES = [
  "wordingPairs",
  "wordingChars",
  "sameThings",
  "bothNameThings",
  "thingsOnOneSide",
  "oneNamesThings",
  "sameFaults",
  "oneNamesFault",
  "bothSayBroken",
  "sameCategory",
  "sameBuilding",
  "oneNamesBuilding",
  "sameUnit",
  "samePlaceWords",
  "sameThingsInSameBuilding",
  "dangerOnOneSide",
  "restWording",
  "sameTopic",
] as const;

// A danger happening now is filed under 安全 whatever it is about: a lift with someone trapped in it is the
// broken lift another resident reported.
const DANGER_CATEGORY = "safety";

const flag = (value: boolean) => (value ? 1 : 0);

export function pairFeatures(leftSide: PairSide, rightSide: PairSide): number[] {
  const [left, right] = [
    { ...leftSide, text: matchingText(leftSide.text) },
    { ...rightSide, text: matchingText(rightSide.text) },
  ];
  const things = [conceptsOf(left.text), conceptsOf(right.text)] as const;
  const faults = [conditionsOf(left.text), conditionsOf(right.text)] as const;
  const places = [placesOf(left.text), placesOf(right.text)] as const;
  const bothThings = things[0].size > 0 && things[1].size > 0;
  const bothFaults = faults[0].size > 0 && faults[1].size > 0;
  return [
    textSimilarity(left.text, right.text),
    charDice(left.text, right.text),
    bothThings ? overlap(things[0], things[1]) : 0,
    flag(bothThings),
    Math.min(2, [...things[0]].filter((thing) => !things[1].has(thing)).length + [...things[1]].filter((thing) => !things[0].has(thing)).length) / 2,
    flag(!bothThings && (things[0].size > 0 || things[1].size > 0)),
    bothFaults ? overlap(faults[0], faults[1]) : 0,
    flag(!bothFaults && (faults[0].size > 0 || faults[1].size > 0)),
    flag(saysBroken(left.text) && saysBroken(right.text)),
    flag(left.category === right.category || left.category === DANGER_CATEGORY || right.category === DANGER_CATEGORY),
    flag(Boolean(left.building && left.building === right.building)),
    flag(Boolean(left.building) !== Boolean(right.building)),
    flag(Boolean(left.unitNo && left.unitNo === right.unitNo)),
    places[0].size > 0 && places[1].size > 0 ? overlap(places[0], places[1]) : 0,
    bothThings && left.building && left.building === right.building ? overlap(things[0], things[1]) : 0,
    flag(dangerOnOneSide(leftSide, rightSide)),
    restWording(left.text, right.text),
    sameTopic(leftSide.topics, rightSide.topics),
  ];
}

/**
 * A danger happening now (red) on one side, none at all on the other: someone trapped in a lift is another
 * matter than the same lift out of order, a smell of gas than the gas cut off. Unknown when either side's
 * danger was not read.
 */
function dangerOnOneSide(left: PairSide, right: PairSide): boolean {
  if (left.danger === undefined || right.danger === undefined) return false;
  return (left.danger === "red" && right.danger === null) || (right.danger === "red" && left.danger === null);
}

/**
 * How alike the two say what is wrong: the wording with the things and places both name, numbers and the
 * bot's name taken out (东门充电桩全坏了 vs 东门充电桩被油车占了 leaves 全坏了 vs 被油车占了). 1 when neither says
 * more than the thing and the place.
 */
function restWording(left: string, right: string): number {
  const [a, b] = [withoutThingsAndPlaces(left), withoutThingsAndPlaces(right)];
  if (!a && !b) return 1;
  return charDice(a, b);
}

/**
 * How alike the two read to the category model, 0..1 (the probability both give one category, summed over the
 * categories): the same kind of problem in other words. 0 when either side's reading is unknown.
 */
function sameTopic(left: readonly number[] | null | undefined, right: readonly number[] | null | undefined): number {
  if (!left || !right || left.length !== right.length) return 0;
  return left.reduce((sum, probability, index) => sum + Math.min(probability, right[index]!), 0);
}
