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

/** The wall-clock reading in `zone` at `instant`. */
export function wallTimeOf(instant: Date, zone: string): WallTime {
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
  const wall = wallTimeOf(instant, zone);
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
