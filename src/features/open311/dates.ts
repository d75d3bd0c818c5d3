import { instantOf, wallTimeOf } from "../../time/zoned.ts";

const pad = (n: number, width = 2) => String(n).padStart(width, "0");

/** An instant as a W3C date-time in `zone`, with its offset: 2026-11-23T10:00:00+08:00 (GeoReport v2's format). */
export function w3cDateTime(instant: Date, zone: string): string {
  const wall = wallTimeOf(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  const offsetMinutes = Math.round((asUtc - Math.floor(instant.getTime() / 1000) * 1000) / 60_000);
  const sign = offsetMinutes < 0 ? "-" : "+";
  const offset = offsetMinutes === 0 ? "Z" : `${sign}${pad(Math.floor(Math.abs(offsetMinutes) / 60))}:${pad(Math.abs(offsetMinutes) % 60)}`;
  return `${pad(wall.year, 4)}-${pad(wall.month)}-${pad(wall.day)}T${pad(wall.hour)}:${pad(wall.minute)}:${pad(wall.second)}${offset}`;
}

const W3C = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|[+-]\d{2}:?\d{2})?)?$/;

/**
 * A W3C date-time as the spec's start_date/end_date give it: with an offset (Z, +08:00, -0500) it is that
 * instant; without one, the wall time in `zone`; a date alone is that day's start in `zone`. Null when it is
 * not such a text or names no real day or time.
 */
export function parseW3cDateTime(text: string, zone: string): Date | null {
  const match = W3C.exec(text.trim());
  if (!match) return null;
  const [, y, mo, d, h = "0", mi = "0", s = "0", fraction = "", offset] = match;
  const wall = { year: Number(y), month: Number(mo), day: Number(d), hour: Number(h), minute: Number(mi), second: Number(s) };
  if (wall.month < 1 || wall.month > 12 || wall.day < 1 || wall.day > 31 || wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  const millis = Number(fraction.slice(0, 3).padEnd(3, "0"));
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second, millis);
  if (new Date(asUtc).getUTCDate() !== wall.day) return null; // 2月30日
  if (offset === undefined) return new Date(instantOf(wall, zone).getTime() + millis);
  if (offset === "Z") return new Date(asUtc);
  const sign = offset.startsWith("-") ? -1 : 1;
  const digits = offset.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2));
  if (minutes > 14 * 60) return null;
  return new Date(asUtc - sign * minutes * 60_000);
}
