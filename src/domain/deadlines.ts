import { atLocalTime, wallTimeOf } from "../time/zoned.ts";
import { z } from "zod";
import { LEVELS, type Colour } from "./types.ts";

/** A duration in hours: more than none, at most a year. */
export const hoursSchema = z
  .number()
  .positive()
  .max(24 * 365);
const hourOfDay = z.number().int().min(0).max(23);

/**
 * The four-colour service levels. Yellow follows 当日受理、三日办结: accepted the same calendar day
 * (by 12:00 the next day when reported after 18:00) and resolved within three days.
 */
export const acceptanceRuleSchema = z.discriminatedUnion("kind", [
  z.object({ kind: z.literal("withinHours"), hours: hoursSchema }).strict(),
  z.object({ kind: z.literal("sameDay"), lateAfterHour: hourOfDay, nextDayByHour: hourOfDay }).strict(),
]);
export type AcceptanceRule = z.infer<typeof acceptanceRuleSchema>;

/**
 * One colour's deadlines. The one description of them: the type below is read from it, and a POLICY_FILE's
 * `colours.<colour>` is checked against it with the same key names (domain/policy.ts).
 */
export const colourPolicySchema = z
  .object({
    accept: acceptanceRuleSchema,
    resolveWithinHours: hoursSchema,
    startLevel: z.enum(LEVELS),
    /** Levels whose staff work groups hear of the ticket the moment it is created. */
    notifyLevelsOnCreate: z.array(z.enum(LEVELS)),
    /** While acceptance is overdue, the 督办 notice repeats at this interval. */
    chaseEveryHours: hoursSchema,
  })
  .strict();
export type ColourPolicy = z.infer<typeof colourPolicySchema>;

export type DeadlinePolicy = Record<Colour, ColourPolicy>;

const SAME_DAY: AcceptanceRule = { kind: "sameDay", lateAfterHour: 18, nextDayByHour: 12 };

export const DEFAULT_DEADLINE_POLICY: DeadlinePolicy = {
  red: {
    accept: { kind: "withinHours", hours: 1 },
    resolveWithinHours: 24,
    startLevel: "community",
    notifyLevelsOnCreate: ["community", "subdistrict"],
    chaseEveryHours: 1,
  },
  orange: { accept: SAME_DAY, resolveWithinHours: 7 * 24, startLevel: "community", notifyLevelsOnCreate: ["community"], chaseEveryHours: 4 },
  yellow: { accept: SAME_DAY, resolveWithinHours: 3 * 24, startLevel: "estate", notifyLevelsOnCreate: [], chaseEveryHours: 4 },
  blue: { accept: SAME_DAY, resolveWithinHours: 3 * 24, startLevel: "estate", notifyLevelsOnCreate: [], chaseEveryHours: 8 },
};

export interface Deadlines {
  acceptDueAt: Date;
  resolveDueAt: Date;
}

export function acceptanceDeadline(rule: AcceptanceRule, from: Date, zone: string): Date {
  if (rule.kind === "withinHours") return new Date(from.getTime() + rule.hours * 3_600_000);
  const hour = wallTimeOf(from, zone).hour;
  if (hour >= rule.lateAfterHour) return atLocalTime(from, zone, 1, rule.nextDayByHour);
  // The end of the calendar day: 23:59:59 local time.
  return new Date(atLocalTime(from, zone, 1, 0).getTime() - 1000);
}

/** Deadlines for a ticket that (re)starts its clock at `from`, e.g. on creation or on reaching a new level. */
export function deadlinesFor(colour: Colour, from: Date, zone: string, policy: DeadlinePolicy = DEFAULT_DEADLINE_POLICY): Deadlines {
  const rule = policy[colour];
  return {
    acceptDueAt: acceptanceDeadline(rule.accept, from, zone),
    resolveDueAt: new Date(from.getTime() + rule.resolveWithinHours * 3_600_000),
  };
}
