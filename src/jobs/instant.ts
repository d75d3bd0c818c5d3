import type { Database } from "../store/database.ts";
import { firstRecordedAt } from "../store/firstData.ts";
import * as texts from "./texts.ts";

/**
 * The instant a job runs "as of", when an operator names one: a job at a wrong instant escalates every
 * ticket at once (a date in the future) or posts digests of years nobody was here (a date in the past),
 * so such instants are refused unless the operator says he means it (`--force-instant`, `{"force": true}`).
 */

/** How far ahead of the clock a job may run: tomorrow's morning digest prepared tonight, no more. */
export const MAX_AHEAD_MS = 86_400_000;
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);
/** ISO-8601 with a four-digit year: a date, or a date and time with an optional offset. */
const ISO_INSTANT = /^\d{4}-(0[1-9]|1[0-2])-(0[1-9]|[12]\d|3[01])(T([01]\d|2[0-3]):[0-5]\d(:[0-5]\d(\.\d{1,3})?)?(Z|[+-]([01]\d|2[0-3]):?[0-5]\d)?)?$/;

export type ReadInstant = { ok: true; at: Date } | { ok: false; reason: string };

/** Reads `--at` / `{"at"}`; whatever else it is (extended years, 2099-13-01, "yesterday") is refused, never thrown. */
export function readJobInstant(value: string): ReadInstant {
  const at = new Date(value);
  if (!ISO_INSTANT.test(value) || Number.isNaN(at.getTime()) || !isCalendarDate(value)) return { ok: false, reason: texts.instantUnreadable(value) };
  if (at.getTime() < EARLIEST || at.getTime() > LATEST) return { ok: false, reason: texts.instantOutOfRange(value) };
  return { ok: true, at };
}

/** 2026-02-30 is no day (Date would read it as 2 March). */
function isCalendarDate(value: string): boolean {
  const [year, month, day] = value.slice(0, 10).split("-").map(Number) as [number, number, number];
  return day <= new Date(Date.UTC(year, month, 0)).getUTCDate();
}

/** Why a job must not run as of `at`, or null: more than a day ahead of `now`, or before the deployment's first data. */
export function instantRefusal(at: Date, now: Date, firstData: Date | null): string | null {
  if (at.getTime() > now.getTime() + MAX_AHEAD_MS) return texts.instantAhead(at, now);
  if (firstData && at.getTime() < firstData.getTime()) return texts.instantBeforeData(at, firstData);
  return null;
}

/** The rule above against the database; `force` (the operator means it) lets any readable instant through. */
export async function refuseJobInstant(db: Database, at: Date, now: Date, force: boolean): Promise<string | null> {
  if (force) return null;
  return instantRefusal(at, now, await firstRecordedAt(db));
}
