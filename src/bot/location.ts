import type { Location } from "../domain/types.ts";
import { CHINESE_NUMERAL_CHARS, parseNumeral } from "../text/numerals.ts";
import { replacePhoneNumbers } from "../text/phone.ts";

const NUM = `(?:\\d+|[${CHINESE_NUMERAL_CHARS}]+)`;

// "3-2-301" and "3栋2-301": building–unit–room, the way residents write addresses.
const DASHED = new RegExp(`(?<![\\d-])(\\d{1,3})\\s*(?:号楼|栋|幢|座|#)?\\s*-\\s*(\\d{1,2})\\s*-\\s*(\\d{3,4})(?![\\d-])`);
// A building: 3号楼, 3栋, 3幢, 3座, 3#楼, 3# ; "3楼" too, unless it reads as a floor (住3楼, 3楼的住户 is ambiguous, so
// only "住/在N楼", "N楼层" and "N楼那家、N楼楼梯、N楼院子" are taken as floors).
const BUILDING = new RegExp(`(${NUM})\\s*(?:号楼|栋楼?|幢|座|#楼?)|(?<![住在第])(${NUM})\\s*楼(?!层|上|下|梯|楼|那家|那户|院子|住户)`);
const UNIT = new RegExp(`(${NUM})\\s*单元`);
// A room: after 单元 or a dash, before 室/房/户, or straight after the building ("6号楼302").
const ROOM = new RegExp(
  `(?:单元\\s*|-|(?:号楼|栋|幢|座)\\s*)(\\d{3,4}|[零〇一幺二两三四五六七八九]{3,4})(?![\\d零〇一幺二两三四五六七八九]|\\s*(?:号|单元|层|栋)|楼(?![上下道梯顶里]))|(${NUM})\\s*(?:室|房间?|户)(?!外)`,
);

// Places in the estate besides buildings: a phase (二期), a zone (B区), a gate (东门), a garage's way in
// or out (地下车库入口, 车库B区). A garage's zone is the garage's, not the estate's, so garages are read first.
const PHASE = /(?<![第分\d一二三四五六七八九十])([一二三四五六七八九十]|\d{1,2})\s*期(?![间限望待货刊末中])/;
const GARAGE = /(地下车库|地下停车场|地库|车库|停车场)(?:\s*([A-Za-zＡ-Ｚａ-ｚ])\s*区)?(?:的)?\s*(出入口|入口|出口)?/;
const ZONE = /(?<![A-Za-zＡ-Ｚａ-ｚ])([A-Za-zＡ-Ｚａ-ｚ])\s*区/;
const GATE = /(?<!走)(东|南|西|北|正|侧|后)大?门(?!子)/;

const letter = (raw: string) => String.fromCharCode(raw.charCodeAt(0) >= 0xff21 ? raw.charCodeAt(0) - 0xfee0 : raw.charCodeAt(0)).toUpperCase();

interface Places {
  phase?: string;
  zone?: string;
  spot?: string;
}

/** The estate's phase, zone and the gate or garage way a message names, if any. */
function readPlaces(text: string): Places {
  const places: Places = {};
  const phase = PHASE.exec(text);
  if (phase) places.phase = `${phase[1]}期`;
  const garage = GARAGE.exec(text);
  const rest = garage ? text.slice(0, garage.index) + "，" + text.slice(garage.index + garage[0].length) : text;
  if (garage) places.spot = `${garage[1]}${garage[2] ? `${letter(garage[2])}区` : ""}${garage[3] ?? ""}`;
  const zone = ZONE.exec(rest);
  if (zone) places.zone = `${letter(zone[1]!)}区`;
  const gate = GATE.exec(rest);
  if (gate && !places.spot) places.spot = `${gate[1]}门`;
  return places;
}

function numeralAt(match: RegExpExecArray | null, ...groups: number[]): string | undefined {
  if (!match) return undefined;
  for (const group of groups) {
    const raw = match[group];
    if (raw === undefined) continue;
    const value = parseNumeral(raw);
    if (value !== undefined && value > 0) return String(value);
  }
  return undefined;
}

/** Extracts building, unit and room from a resident's message; missing parts stay undefined. */
export function extractLocation(message: string): Location {
  // A phone number's digits are never a building, unit or room: "电话138-1234-5678" is not room 1234.
  const text = replacePhoneNumbers(message, () => "，");
  const dashed = DASHED.exec(text);
  let building: string | undefined;
  let unitNo: string | undefined;
  let room: string | undefined;
  if (dashed) {
    building = String(Number(dashed[1]));
    unitNo = String(Number(dashed[2]));
    room = String(Number(dashed[3]));
  } else {
    building = numeralAt(BUILDING.exec(text), 1, 2);
    unitNo = numeralAt(UNIT.exec(text), 1);
    room = numeralAt(ROOM.exec(text), 1, 2);
  }
  const places = readPlaces(text);
  const parts = [places.phase, places.zone, building && `${building}号楼`, unitNo && `${unitNo}单元`, room && `${room}室`, places.spot].filter(Boolean);
  const location: Location = {};
  if (places.phase) location.phase = places.phase;
  if (places.zone) location.zone = places.zone;
  if (places.spot) location.spot = places.spot;
  if (building) location.building = building;
  if (unitNo) location.unitNo = unitNo;
  if (room) location.room = room;
  if (parts.length) location.text = parts.join("");
  return location;
}
