import { instantOf, wallTimeOf } from "../time/zoned.ts";

export interface Period {
  from: Date;
  /** Exclusive. */
  to: Date;
  label: string;
}

function startOfDay(year: number, month: number, day: number, zone: string): Date {
  return instantOf({ year, month, day, hour: 0, minute: 0, second: 0 }, zone);
}

function monthPeriod(year: number, month: number, zone: string): Period {
  return { from: startOfDay(year, month, 1, zone), to: startOfDay(year, month + 1, 1, zone), label: `${year}年${month}月` };
}

/**
 * Reads a period as people say it — 今天, 本周, 上周, 本月, 上月, 2026-11, 2026年11月 — in `zone`,
 * relative to `now`. Weeks start on Monday. Returns null for anything else.
 */
export function parsePeriod(word: string | null, now: Date, zone: string): Period | null {
  const today = wallTimeOf(now, zone);
  const text = (word ?? "本月").trim();
  const weekday = new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay(); // 0 = Sunday
  const mondayOffset = (weekday + 6) % 7;
  switch (text) {
    case "今天":
    case "今日":
      return { from: startOfDay(today.year, today.month, today.day, zone), to: startOfDay(today.year, today.month, today.day + 1, zone), label: "今天" };
    case "本周":
    case "这周":
      return {
        from: startOfDay(today.year, today.month, today.day - mondayOffset, zone),
        to: startOfDay(today.year, today.month, today.day - mondayOffset + 7, zone),
        label: "本周",
      };
    case "上周":
      return {
        from: startOfDay(today.year, today.month, today.day - mondayOffset - 7, zone),
        to: startOfDay(today.year, today.month, today.day - mondayOffset, zone),
        label: "上周",
      };
    case "本月":
    case "这个月":
      return monthPeriod(today.year, today.month, zone);
    case "上月":
    case "上个月": {
      const previous = new Date(Date.UTC(today.year, today.month - 2, 1));
      return monthPeriod(previous.getUTCFullYear(), previous.getUTCMonth() + 1, zone);
    }
  }
  const month = /^(\d{4})[-/年](\d{1,2})月?$/.exec(text);
  if (month) {
    const m = Number(month[2]);
    if (m >= 1 && m <= 12) return monthPeriod(Number(month[1]), m, zone);
  }
  return null;
}
