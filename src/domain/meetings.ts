import { validate } from "node-cron";
import { instantOf, wallTimeOf } from "../time/zoned.ts";
import { parseNumeral } from "../text/numerals.ts";
import { MEETING_RULE_TEXTS } from "./texts.ts";

/** Default reminder lead times: three days, one day and two hours before. */
export const DEFAULT_REMINDER_OFFSETS_MINUTES = [3 * 24 * 60, 24 * 60, 120] as const;

/** The reminders still ahead of `now` for a meeting at `startsAt`. */
export function reminderSchedule(startsAt: Date, offsetsMinutes: readonly number[], now: Date): { offsetMinutes: number; dueAt: Date }[] {
  return [...new Set(offsetsMinutes)]
    .map((offsetMinutes) => ({ offsetMinutes, dueAt: new Date(startsAt.getTime() - offsetMinutes * 60_000) }))
    .filter((reminder) => reminder.dueAt.getTime() > now.getTime())
    .sort((a, b) => a.dueAt.getTime() - b.dueAt.getTime());
}

/** A meeting counts as held (ended) this long after it starts: then its undecided matters go back to their clocks. */
export const MEETING_LENGTH_MS = 3 * 3_600_000;

export function meetingEndsAt(startsAt: Date): Date {
  return new Date(startsAt.getTime() + MEETING_LENGTH_MS);
}

/**
 * A matter's resolution clock is paused while it waits for a meeting (上会, from `markedAt`); when it comes
 * back (a decision, or a meeting that ended without one, at `resumeAt`) it keeps the time it had left.
 */
export function resumedResolveDue(resolveDueAt: Date, markedAt: Date, resumeAt: Date): Date {
  return new Date(resolveDueAt.getTime() + Math.max(0, resumeAt.getTime() - markedAt.getTime()));
}

/**
 * Whether a meeting that ended without deciding a matter on its agenda sends it back to its clock: the
 * matter is still open and waiting, was marked before the meeting ended (one marked again afterwards waits
 * for the next meeting), and no other meeting still to be held has it on its agenda.
 */
export function returnsFromMeeting(
  ticket: { open: boolean; markedForMeetingAt: Date | null },
  meetingEnd: Date,
  onAgendaOfMeetingStillAhead: boolean,
  now: Date,
): boolean {
  if (!ticket.open || !ticket.markedForMeetingAt || onAgendaOfMeetingStillAhead) return false;
  return now.getTime() >= meetingEnd.getTime() && ticket.markedForMeetingAt.getTime() <= meetingEnd.getTime();
}

/**
 * 公示 publishes each decision once: the decisions made since the last publication. Asked to repeat
 * (公示 N 再发), it publishes every decision again. An empty answer means there is nothing new to publish.
 */
export function decisionsToPublish<T extends { decision: string | null; decidedAt: Date | null }>(
  items: readonly T[],
  publishedAt: Date | null,
  again: boolean,
): T[] {
  const decided = items.filter((item) => item.decision);
  if (again || !publishedAt) return decided;
  return decided.filter((item) => item.decidedAt && item.decidedAt.getTime() > publishedAt.getTime());
}

/** What to do with a reminder that has come due: send it if the meeting is still ahead, otherwise skip it. */
export function dueReminderAction(startsAt: Date, now: Date): "send" | "skip" {
  return startsAt.getTime() > now.getTime() ? "send" : "skip";
}

/** "3天前", "2小时前": how a reminder names its lead time. */
export function describeOffset(offsetMinutes: number): string {
  if (offsetMinutes % (24 * 60) === 0) return MEETING_RULE_TEXTS.days(offsetMinutes / (24 * 60));
  if (offsetMinutes % 60 === 0) return MEETING_RULE_TEXTS.hours(offsetMinutes / 60);
  return MEETING_RULE_TEXTS.minutes(offsetMinutes);
}

export type RecurrenceRule = { kind: "monthly"; day: number; hour: number; minute: number } | { kind: "weekly"; weekday: number; hour: number; minute: number };

const WEEKDAYS: Record<string, number> = { 日: 0, 天: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };

function readClock(text: string): { hour: number; minute: number; rest: string } | null {
  const match = /^\s*(上午|早上|下午|晚上|晚)?\s*(\d{1,2}|[一二三四五六七八九十两]{1,3})\s*(?:[:：](\d{2})|点\s*(半|(\d{1,2})分?)?)\s*/.exec(text);
  if (!match) return null;
  let hour = parseNumeral(match[2]!) ?? -1;
  const minute = match[3] ? Number(match[3]) : match[4] === "半" ? 30 : match[5] ? Number(match[5]) : 0;
  if (match[1] && /下午|晚/.test(match[1]) && hour < 12) hour += 12;
  if (hour < 0 || hour > 23 || minute > 59) return null;
  return { hour, minute, rest: text.slice(match[0].length) };
}

/**
 * Reads a recurring rule — 每月5日 19:30, 每月15号晚上7点半, 每周三 19:00, 每星期六上午9点 — and what
 * follows it (place and topic). Returns null when the text is not such a rule.
 */
export function parseRecurrence(text: string): { rule: RecurrenceRule; rest: string } | null {
  const monthly = /^\s*每(?:个)?月\s*(\d{1,2}|[一二三四五六七八九十]{1,3})\s*[日号]/.exec(text);
  if (monthly) {
    const day = parseNumeral(monthly[1]!);
    const clock = readClock(text.slice(monthly[0].length));
    if (!day || day < 1 || day > 31 || !clock) return null;
    return { rule: { kind: "monthly", day, hour: clock.hour, minute: clock.minute }, rest: clock.rest.trim() };
  }
  const weekly = /^\s*每(?:周|星期|礼拜)\s*([一二三四五六日天])/.exec(text);
  if (weekly) {
    const clock = readClock(text.slice(weekly[0].length));
    if (!clock) return null;
    return { rule: { kind: "weekly", weekday: WEEKDAYS[weekly[1]!]!, hour: clock.hour, minute: clock.minute }, rest: clock.rest.trim() };
  }
  return null;
}

/** The rule as a cron expression, validated with node-cron. */
export function cronOf(rule: RecurrenceRule): string {
  const cron = rule.kind === "monthly" ? `${rule.minute} ${rule.hour} ${rule.day} * *` : `${rule.minute} ${rule.hour} * * ${rule.weekday}`;
  if (!validate(cron)) throw new Error(`invalid cron ${cron}`);
  return cron;
}

/** Reads back a stored cron expression of the two shapes `cronOf` writes. */
export function ruleOfCron(cron: string): RecurrenceRule | null {
  const monthly = /^(\d{1,2}) (\d{1,2}) (\d{1,2}) \* \*$/.exec(cron);
  if (monthly) return { kind: "monthly", minute: Number(monthly[1]), hour: Number(monthly[2]), day: Number(monthly[3]) };
  const weekly = /^(\d{1,2}) (\d{1,2}) \* \* ([0-6])$/.exec(cron);
  if (weekly) return { kind: "weekly", minute: Number(weekly[1]), hour: Number(weekly[2]), weekday: Number(weekly[3]) };
  return null;
}

/**
 * The rule's occurrences in (from, to], in `zone`. A monthly rule skips months without its day (每月31日
 * has no meeting in November), as cron does.
 */
export function occurrencesBetween(rule: RecurrenceRule, from: Date, to: Date, zone: string): Date[] {
  const out: Date[] = [];
  const start = wallTimeOf(from, zone);
  for (let offset = 0; offset <= 400; offset++) {
    const day = new Date(Date.UTC(start.year, start.month - 1, start.day + offset));
    const year = day.getUTCFullYear();
    const month = day.getUTCMonth() + 1;
    const date = day.getUTCDate();
    const matches = rule.kind === "monthly" ? date === rule.day : day.getUTCDay() === rule.weekday;
    if (!matches) continue;
    const at = instantOf({ year, month, day: date, hour: rule.hour, minute: rule.minute, second: 0 }, zone);
    if (at.getTime() > to.getTime()) break;
    if (at.getTime() > from.getTime()) out.push(at);
  }
  return out;
}

export function describeRule(rule: RecurrenceRule): string {
  const clock = `${String(rule.hour).padStart(2, "0")}:${String(rule.minute).padStart(2, "0")}`;
  return rule.kind === "monthly" ? MEETING_RULE_TEXTS.monthly(rule.day, clock) : MEETING_RULE_TEXTS.weekly(rule.weekday, clock);
}

/**
 * Splits a decision's words into its content, owner (负责人) and due date text (期限):
 * "同意安装充电桩 负责人:孙物业 期限:12月20日".
 */
export function splitDecision(text: string): { decision: string; owner: string | null; due: string | null } {
  const owner = /(?:负责人|责任人)\s*[:：]?\s*@?([^\s,，；;]+)/.exec(text);
  const due = /(?:期限|截止|完成时间)\s*[:：]?\s*([^,，；;]+?)(?=\s+(?:负责人|责任人)|$)/.exec(text);
  let decision = text;
  for (const match of [owner, due]) if (match) decision = decision.replace(match[0], " ");
  return {
    decision: decision
      .replace(/\s+/g, " ")
      .replace(/[,，；;\s]+$/, "")
      .trim(),
    owner: owner?.[1] ?? null,
    due: due?.[1]?.trim() ?? null,
  };
}
