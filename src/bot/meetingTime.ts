import * as chrono from "chrono-node";
import { instantOf, wallTimeOf } from "../time/zoned.ts";
import { CHINESE_NUMERAL_CHARS, parseNumeral } from "../text/numerals.ts";

export type TimeParse = { ok: true; at: Date; rest: string } | { ok: false; reason: "unparsed" | "no_time" | "past" };

const NUM = `(\\d{1,2}|[${CHINESE_NUMERAL_CHARS}]{1,3})`;

/** Offset of `zone` from UTC at `instant`, in minutes, for chrono's reference. */
function offsetMinutes(instant: Date, zone: string): number {
  const wall = wallTimeOf(instant, zone);
  return Math.round(
    (Date.UTC(wall.year, wall.month - 1, wall.day, wall.hour, wall.minute, wall.second) - Math.floor(instant.getTime() / 1000) * 1000) / 60_000,
  );
}

/**
 * Rewrites the forms chrono's Chinese parser misses or reads otherwise into ones it reads: 12/5 →
 * 12月5日, 下个月5号 and 下周日 → explicit dates, 晚七点 → 晚上七点, 礼拜/星期 → 周.
 */
function normalise(text: string, now: Date, zone: string): string {
  const today = wallTimeOf(now, zone);
  return (
    text
      .replace(/(?<![\d/])(\d{1,2})\/(\d{1,2})(?![\d/])/, "$1月$2日")
      .replace(new RegExp(`(下个?月|本月|这个月)${NUM}[号日]`), (_, which: string, day: string) => {
        const next = which.startsWith("下");
        const month = next ? (today.month % 12) + 1 : today.month;
        const year = next && today.month === 12 ? today.year + 1 : today.year;
        return `${year}年${month}月${parseNumeral(day) ?? day}日`;
      })
      .replace(/(\d{1,2})号(?![楼院门])/, "$1日")
      .replace(/礼拜|星期/g, "周")
      // Weeks start on Monday: 下周日 is the Sunday of next week, 本周六 this week's Saturday.
      .replace(/(下个?|本|这)周([一二三四五六日天])/, (_, which: string, day: string) => {
        const weekday = "一二三四五六日".indexOf(day === "天" ? "日" : day); // Monday = 0
        const todayIndex = (new Date(Date.UTC(today.year, today.month - 1, today.day)).getUTCDay() + 6) % 7;
        const target = new Date(Date.UTC(today.year, today.month - 1, today.day - todayIndex + weekday + (which.startsWith("下") ? 7 : 0)));
        return `${target.getUTCFullYear()}年${target.getUTCMonth() + 1}月${target.getUTCDate()}日`;
      })
      .replace(new RegExp(`(?<![今昨明])晚(?=${NUM}[点:：])`), "晚上")
      .replace(new RegExp(`(?<![今昨明])早(?=${NUM}[点:：])`), "早上")
  );
}

/** A place that starts with a number: 10栋架空层, 5号楼一楼会议室, 3单元门口, 2期会所. */
const PLACE_START = /\d+\s*(?:栋|幢|号楼|号院|号门|楼|单元|座|区|期)/;

/**
 * Cuts the text where a place that starts with a number begins, so that the time reader never takes the
 * place's digits for minutes or a day (「上午10点 10栋」 is 10:00 at 10栋, not 10:10 at 栋).
 */
function splitAtPlace(text: string): { timeText: string; placeText: string } {
  const match = PLACE_START.exec(text);
  if (!match || match.index === 0) return { timeText: text, placeText: "" };
  return { timeText: text.slice(0, match.index), placeText: text.slice(match.index) };
}

/**
 * Reads the meeting time at the start of `text` the way people write it (12月5日19:30, 12/5 19:30,
 * 明天下午3点, 本周六上午10点, 下周三晚上7点半…) in `zone`, relative to `now`. The time of day must be
 * given, and the instant must be in the future. `rest` is what follows the time (place and topic).
 */
export function parseMeetingTime(text: string, now: Date, zone: string): TimeParse {
  const { timeText, placeText } = splitAtPlace(text.trim());
  const input = normalise(timeText, now, zone);
  const reference = { instant: now, timezone: offsetMinutes(now, zone) };
  // A date that names its day (11月20日, 今天) and has passed is a mistake to point out; a bare weekday
  // (周一) means the next one.
  let first = chrono.zh.hans.parse(input, reference)[0];
  if (first && first.start.date().getTime() <= now.getTime()) {
    // A date without a year that is months behind means next year's (1月3日 said in November).
    const longPast = first.start.isCertain("month") && !first.start.isCertain("year") && now.getTime() - first.start.date().getTime() > 60 * 86_400_000;
    if (!first.start.isCertain("day") || longPast) first = chrono.zh.hans.parse(input, reference, { forwardDate: true })[0];
  }
  if (!first || first.index > 2) return { ok: false, reason: "unparsed" };
  if (!first.start.isCertain("hour")) return { ok: false, reason: "no_time" };
  const parsed = first.start.date();
  // chrono reads a time zone offset, not a zone: settle the wall time in the zone itself.
  const wall = wallTimeOf(parsed, zone);
  const at = instantOf({ ...wall, second: 0 }, zone);
  if (at.getTime() <= now.getTime()) return { ok: false, reason: "past" };
  const rest = `${input.slice(first.index + first.text.length)}${placeText}`.replace(/^[\s,，、:：]+/, "").trim();
  return { ok: true, at, rest };
}

/** A due date for a decision (期限): "12月20日" means the end of that day; a time may be given. */
export function parseDueDate(text: string, now: Date, zone: string): Date | null {
  const input = normalise(text.trim(), now, zone);
  const first = chrono.zh.hans.parse(input, { instant: now, timezone: offsetMinutes(now, zone) }, { forwardDate: true })[0];
  if (!first) return null;
  const wall = wallTimeOf(first.start.date(), zone);
  return first.start.isCertain("hour") ? instantOf({ ...wall, second: 0 }, zone) : instantOf({ ...wall, hour: 23, minute: 59, second: 0 }, zone);
}
