/** Calendar arithmetic in a named time zone, without reading the clock. */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

const formatters = new Map<string, Intl.DateTimeFormat>();

function formatterFor(zone: string): Intl.DateTimeFormat {
  let formatter = formatters.get(zone);
  if (!formatter) {
    formatter = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "numeric",
      day: "numeric",
      hour: "numeric",
      minute: "numeric",
      second: "numeric",
    });
    formatters.set(zone, formatter);
  }
  return formatter;
}

/**
 * A zone's offset from UTC over each (UTC) day, once read: formatToParts is slow, and a sweep or a digest
 * reads thousands of instants. A day whose two ends show different offsets (a transition inside it) is
 * read instant by instant. Bounded: forgotten when full.
 */
const dayOffsets = new Map<string, number | null>();
const MAX_DAYS = 20_000;
const DAY_MS = 86_400_000;

function offsetOverDay(day: number, zone: string): number | null {
  const key = `${zone}|${day}`;
  let offset = dayOffsets.get(key);
  if (offset === undefined) {
    const start = offsetMillis(new Date(day * DAY_MS), zone);
    offset = start === offsetMillis(new Date((day + 1) * DAY_MS - 1000), zone) ? start : null;
    if (dayOffsets.size >= MAX_DAYS) dayOffsets.clear();
    dayOffsets.set(key, offset);
  }
  return offset;
}

/** The wall-clock reading in `zone` at `instant`. */
export function wallTimeOf(instant: Date, zone: string): WallTime {
  const ms = instant.getTime();
  const offset = Number.isFinite(ms) ? offsetOverDay(Math.floor(ms / DAY_MS), zone) : null;
  if (offset === null) return readWallTime(instant, zone);
  const shifted = new Date(Math.floor(ms / 1000) * 1000 + offset);
  return {
    year: shifted.getUTCFullYear(),
    month: shifted.getUTCMonth() + 1,
    day: shifted.getUTCDate(),
    hour: shifted.getUTCHours(),
    minute: shifted.getUTCMinutes(),
    second: shifted.getUTCSeconds(),
  };
}

function readWallTime(instant: Date, zone: string): WallTime {
  const parts = Object.fromEntries(
    formatterFor(zone)
      .formatToParts(instant)
      .filter((part) => part.type !== "literal")
      .map((part) => [part.type, Number(part.value)]),
  );
  return {
    year: parts.year!,
    month: parts.month!,
    day: parts.day!,
    hour: parts.hour!,
    minute: parts.minute!,
    second: parts.second!,
  };
}

function offsetMillis(instant: Date, zone: string): number {
  const wall = readWallTime(instant, zone);
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  return asUtc - Math.floor(instant.getTime() / 1000) * 1000;
}

/** The instant at which `zone` shows this wall time (day/month overflow is normalised, as in Date.UTC). */
export function instantOf(wall: WallTime, zone: string): Date {
  const asUtc = Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second);
  let guess = asUtc - offsetMillis(new Date(asUtc), zone);
  // A second pass settles instants near an offset change.
  guess = asUtc - offsetMillis(new Date(guess), zone);
  return new Date(guess);
}

/** The instant of `hour:minute` on the calendar day `dayOffset` days after `instant`'s day in `zone`. */
export function atLocalTime(instant: Date, zone: string, dayOffset: number, hour: number, minute = 0): Date {
  const wall = wallTimeOf(instant, zone);
  return instantOf({ year: wall.year, month: wall.month, day: wall.day + dayOffset, hour, minute, second: 0 }, zone);
}

/** "11月25日 20:00" in the zone; the year is added when it differs from `reference`'s. */
export function formatShortDateTime(instant: Date, zone: string, reference?: Date): string {
  const wall = wallTimeOf(instant, zone);
  const pad = (n: number) => String(n).padStart(2, "0");
  const year = reference && wallTimeOf(reference, zone).year !== wall.year ? `${wall.year}年` : "";
  return `${year}${wall.month}月${wall.day}日 ${pad(wall.hour)}:${pad(wall.minute)}`;
}
