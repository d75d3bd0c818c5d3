import { toSimplified } from "../text/simplified.ts";
import { CHINESE_NUMERAL_CHARS, parseNumeral } from "../text/numerals.ts";

// Spaces between two Chinese characters, as people type them to pause (我 在 物业 看门): the words read whole.
const SPACE_BETWEEN_HAN = /(?<=\p{Script=Han})\s+(?=\p{Script=Han})/gu;

/**
 * A report's text as the duplicate matching reads it: traditional characters in their simplified forms
 * (三號樓 = 三号楼, 電梯 = 电梯) and spaces between Chinese words dropped, so that the words of things, faults
 * and places are found however the line was typed. The stored text keeps the original.
 */
export function matchingText(text: string): string {
  return toSimplified(text).replace(SPACE_BETWEEN_HAN, "");
}

const BUILDING_SAID = new RegExp(`(\\d+|[${CHINESE_NUMERAL_CHARS}]+)\\s*(?:号楼|号|栋|幢|座|#)|(?<![\\d-])(\\d{1,3})\\s*-\\s*\\d{1,2}\\s*-\\s*\\d{3,4}`, "g");

/**
 * The building a report names, when the text says it as a building (3号楼, 三栋, 3#, 3-2-301), or null: a
 * building read from a bare "N楼" may as well be a floor (停在8楼, 负一楼, 十二楼的阿婆), which the matching
 * does not take as a place that parts two reports.
 */
export function surelyBuilding(text: string, building: string | null | undefined): string | null {
  if (!building) return null;
  if (!/^\d+$/.test(building)) return building;
  for (const match of text.matchAll(BUILDING_SAID)) {
    if (parseNumeral(match[1] ?? match[2] ?? "") === Number(building)) return building;
  }
  return null;
}

/** The first building the text says as one (7座, 三栋, 12号楼), or null. */
export function buildingSaidAsOne(text: string): string | null {
  const said = text.match(BUILDING_NAMED);
  return said ? String(parseNumeral(said[1]!)) : null;
}

const BUILDING_NAMED = new RegExp(`(\\d+|[${CHINESE_NUMERAL_CHARS}]+)\\s*(?:号楼|栋|幢|座)`);

const NUMBER = `(\\d+|[${CHINESE_NUMERAL_CHARS}]+)`;
const BUILDING_WORD = "(?:号楼|号|栋|幢|座)";
const SPAN_WORD = "(到|至|~|～|-|—)";
const PAIR_WORD = "(、|和|跟|与|同|及|,|，|/)";
// Two buildings said together (11、12号楼, 十号十一号楼, 5号楼和7号楼) or a row of them (一到四号楼, 1号楼到4号楼).
const BUILDINGS_TOGETHER = new RegExp(
  `${NUMBER}\\s*(?:${BUILDING_WORD}\\s*(?:${SPAN_WORD}|${PAIR_WORD})?|${SPAN_WORD}|${PAIR_WORD})\\s*${NUMBER}\\s*(?:号楼|栋|幢|座)`,
  "g",
);
const LONGEST_ROW = 12;

/**
 * The buildings a text names together, between which or along which its matter is (11号楼和12号楼之间, 一到四号楼这片):
 * every building of a row, both of a pair; empty when it names one building or none.
 */
export function buildingsTogether(text: string): Set<string> {
  const buildings = new Set<string>();
  for (const match of text.matchAll(BUILDINGS_TOGETHER)) {
    const [first, last] = [parseNumeral(match[1]!), parseNumeral(match[6]!)];
    if (first === undefined || last === undefined || first === last) continue;
    const row = (match[2] ?? match[4]) !== undefined && last > first && last - first <= LONGEST_ROW;
    if (row) for (let building = first; building <= last; building++) buildings.add(String(building));
    else buildings.add(String(first)).add(String(last));
  }
  return buildings;
}

// A parking space's number (B区112, B1-078, 128号车位): two reports of different spaces are two matters.
const SPACE_NUMBER = /[A-Z](?:\d-|-|区)?(\d{2,4})(?!\d)|(?<![\d.])(\d{2,4})(?=号?的?车位)/gi;

/** The parking spaces a text numbers, when it is about a space (车位), by number without leading zeros. */
export function parkingSpaces(text: string): Set<string> {
  if (!text.includes("车位")) return new Set();
  return new Set([...text.normalize("NFKC").matchAll(SPACE_NUMBER)].map((match) => String(Number(match[1] ?? match[2]))));
}
