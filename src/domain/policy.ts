import { z } from "zod";
import { DEFAULT_DEADLINE_POLICY, type DeadlinePolicy } from "./deadlines.ts";
import { DEFAULT_DEPARTMENT_POLICY, type DepartmentPolicy } from "./departments.ts";
import { COLOURS, LEVELS } from "./types.ts";

/** What happens after a ticket is resolved (满意评价). */
export interface SatisfactionPolicy {
  /** Remind the reporter and followers once, this long after resolution. */
  remindAfterHours: number;
  /** Close as 未评价 (not counted as satisfied) when nobody rated within this long. */
  autoCloseAfterHours: number;
}

/** Participation points (红色小积分). */
export interface PointsPolicy {
  reportAccepted: number;
  meetingAttended: number;
  /** The most staff may award in one 积分 奖励. */
  maxAward: number;
  /** The most one person may receive from staff awards (all staff together) in one calendar month. */
  monthlyAwardCap: number;
}

export interface Policy {
  colours: DeadlinePolicy;
  /** At the top level a resolution-overdue ticket cannot climb further: it is chased at this interval. */
  topLevelChaseEveryHours: number;
  satisfaction: SatisfactionPolicy;
  points: PointsPolicy;
  /** The county departments, and the matters that go to one by rule (domain/departments.ts). */
  departments: DepartmentPolicy;
}

export const DEFAULT_POLICY: Policy = {
  colours: DEFAULT_DEADLINE_POLICY,
  topLevelChaseEveryHours: 24,
  satisfaction: { remindAfterHours: 24, autoCloseAfterHours: 72 },
  points: { reportAccepted: 2, meetingAttended: 3, maxAward: 20, monthlyAwardCap: 20 },
  departments: DEFAULT_DEPARTMENT_POLICY,
};

const hours = z
  .number()
  .positive()
  .max(24 * 365);
const colourOverride = z
  .object({
    acceptWithinHours: hours.optional(),
    acceptSameDay: z.object({ lateAfterHour: z.number().int().min(0).max(23), nextDayByHour: z.number().int().min(0).max(23) }).optional(),
    resolveWithinHours: hours.optional(),
    startLevel: z.enum(LEVELS).optional(),
    notifyLevelsOnCreate: z.array(z.enum(LEVELS)).optional(),
    chaseEveryHours: hours.optional(),
  })
  .strict();

export const policyOverrideSchema = z
  .object({
    colours: z.partialRecord(z.enum(COLOURS), colourOverride).optional(),
    topLevelChaseEveryHours: hours.optional(),
    satisfaction: z.object({ remindAfterHours: hours.optional(), autoCloseAfterHours: hours.optional() }).strict().optional(),
    points: z
      .object({
        reportAccepted: z.number().int().min(0).optional(),
        meetingAttended: z.number().int().min(0).optional(),
        maxAward: z.number().int().min(1).optional(),
        monthlyAwardCap: z.number().int().min(1).optional(),
      })
      .strict()
      .optional(),
    departments: z
      .object({
        known: z.array(z.string().min(1)).min(1).optional(),
        byHazard: z.record(z.string(), z.array(z.string().min(1))).optional(),
        byWords: z
          .array(
            z
              .object({
                words: z.string().refine(validPattern, "不是有效的正则表达式"),
                departments: z.array(z.string().min(1)),
              })
              .strict(),
          )
          .optional(),
        byCategory: z.record(z.string(), z.array(z.string().min(1))).optional(),
      })
      .strict()
      .optional(),
  })
  .strict();

function validPattern(source: string): boolean {
  try {
    new RegExp(source);
    return true;
  } catch {
    return false;
  }
}

/** Applies an override (a parsed POLICY_FILE) to the defaults; unknown keys are refused. */
export function applyPolicyOverride(input: unknown, base: Policy = DEFAULT_POLICY): Policy {
  const override = policyOverrideSchema.parse(input);
  const colours = structuredClone(base.colours);
  for (const colour of COLOURS) {
    const change = override.colours?.[colour];
    if (!change) continue;
    const target = colours[colour];
    if (change.acceptWithinHours !== undefined) target.accept = { kind: "withinHours", hours: change.acceptWithinHours };
    if (change.acceptSameDay) target.accept = { kind: "sameDay", ...change.acceptSameDay };
    if (change.resolveWithinHours !== undefined) target.resolveWithinHours = change.resolveWithinHours;
    if (change.startLevel) target.startLevel = change.startLevel;
    if (change.notifyLevelsOnCreate) target.notifyLevelsOnCreate = change.notifyLevelsOnCreate;
    if (change.chaseEveryHours !== undefined) target.chaseEveryHours = change.chaseEveryHours;
  }
  return {
    colours,
    topLevelChaseEveryHours: override.topLevelChaseEveryHours ?? base.topLevelChaseEveryHours,
    satisfaction: { ...base.satisfaction, ...override.satisfaction },
    points: { ...base.points, ...override.points },
    // A rule given replaces the default for that hazard or category; words given replace the default words.
    departments: {
      known: override.departments?.known ?? base.departments.known,
      byHazard: { ...base.departments.byHazard, ...override.departments?.byHazard },
      byWords: override.departments?.byWords ?? base.departments.byWords,
      byCategory: { ...base.departments.byCategory, ...override.departments?.byCategory },
    },
  };
}
