import { charDice, textSimilarity } from "../text/similarity.ts";
import { conceptsOf, conditionsOf, overlap, placesOf, saysBroken } from "../text/concepts.ts";
import { matchingText } from "./matchingText.ts";

/** One side of a pair of reports, as far as the matching reads it. */
export interface PairSide {
  category: string;
  building: string | null;
  unitNo?: string | null;
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
  ];
}
