import type { Location } from "../domain/types.ts";
import { CHINESE_NUMERAL_CHARS, parseNumeral } from "../text/numerals.ts";

const NUM = `(?:\\d+|[${CHINESE_NUMERAL_CHARS}]+)`;

// "3-2-301" and "3栋2-301": building–unit–room, the way residents write addresses.
const DASHED = new RegExp(`(?<![\\d-])(\\d{1,3})\\s*(?:号楼|栋|幢|座|#)?\\s*-\\s*(\\d{1,2})\\s*-\\s*(\\d{3,4})(?![\\d-])`);
// A building: 3号楼, 3栋, 3幢, 3座, 3#楼, 3# ; "3楼" too, unless it reads as a floor (住3楼, 3楼的住户 is ambiguous, so
// only "住/在N楼" and "N楼层" are taken as floors).
const BUILDING = new RegExp(`(${NUM})\\s*(?:号楼|栋楼?|幢|座|#楼?)|(?<![住在第])(${NUM})\\s*楼(?!层|上|下|梯)`);
const UNIT = new RegExp(`(${NUM})\\s*单元`);
// A room: after 单元 or a dash, before 室/房/户, or straight after the building ("6号楼302").
const ROOM = new RegExp(
  `(?:单元\\s*|-|(?:号楼|栋|幢|座)\\s*)(\\d{3,4}|[零〇一幺二两三四五六七八九]{3,4})(?![\\d零〇一幺二两三四五六七八九]|\\s*(?:号|单元|层|栋)|楼(?![上下道梯顶里]))|(${NUM})\\s*(?:室|房间?|户)(?!外)`,
);

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
export function extractLocation(text: string): Location {
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
  const parts = [building && `${building}号楼`, unitNo && `${unitNo}单元`, room && `${room}室`].filter(Boolean);
  const location: Location = {};
  if (building) location.building = building;
  if (unitNo) location.unitNo = unitNo;
  if (room) location.room = room;
  if (parts.length) location.text = parts.join("");
  return location;
}
