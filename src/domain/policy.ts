import { z } from "zod";
import { colourPolicySchema, DEFAULT_DEADLINE_POLICY, hoursSchema, type DeadlinePolicy } from "./deadlines.ts";
import { DEFAULT_DEPARTMENT_POLICY, type DepartmentPolicy } from "./departments.ts";
import { COLOURS } from "./types.ts";

/** What happens after a ticket is resolved (满意评价). */
const satisfactionPolicySchema = z
  .object({
    /** Remind the reporter and followers once, this long after resolution. */
    remindAfterHours: hoursSchema,
    /** Close as 未评价 (not counted as satisfied) when nobody rated within this long. */
    autoCloseAfterHours: hoursSchema,
  })
  .strict();
export type SatisfactionPolicy = z.infer<typeof satisfactionPolicySchema>;

/** Participation points (红色小积分). */
const pointsPolicySchema = z
  .object({
    reportAccepted: z.number().int().min(0),
    meetingAttended: z.number().int().min(0),
    /** The most staff may award in one 积分 奖励. */
    maxAward: z.number().int().min(1),
    /** The most one person may receive from staff awards (all staff together) in one calendar month. */
    monthlyAwardCap: z.number().int().min(1),
  })
  .strict();
export type PointsPolicy = z.infer<typeof pointsPolicySchema>;

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

/**
 * A POLICY_FILE: any part of the policy, with the code's own key names (a colour's keys are
 * `colourPolicySchema`'s). A key given replaces the default's; unknown keys are refused.
 */
export const policyOverrideSchema = z
  .object({
    colours: z.partialRecord(z.enum(COLOURS), colourPolicySchema.partial()).optional(),
    topLevelChaseEveryHours: hoursSchema.optional(),
    satisfaction: satisfactionPolicySchema.partial().optional(),
    points: pointsPolicySchema.partial().optional(),
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
  const override = policyOverrideSchema.parse(withCurrentKeyNames(input).input);
  const colours = Object.fromEntries(COLOURS.map((colour) => [colour, { ...base.colours[colour], ...override.colours?.[colour] }])) as DeadlinePolicy;
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

/** Key names a POLICY_FILE once used for a colour's acceptance rule, and the `accept` rule each stands for. */
const DEPRECATED_ACCEPT_KEYS = {
  acceptWithinHours: (hours: unknown) => ({ kind: "withinHours", hours }),
  acceptSameDay: (sameDay: unknown) => ({ kind: "sameDay", ...(typeof sameDay === "object" ? sameDay : {}) }),
} as const;

/**
 * A policy file written with the old names (`acceptWithinHours`, `acceptSameDay`) read as the current
 * `accept` rule, translated here once; `deprecated` names each old key found (`colours.red.acceptWithinHours`)
 * so start-up can say which to rename. A colour giving both an old key and `accept` is refused.
 */
export function withCurrentKeyNames(input: unknown): { input: unknown; deprecated: string[] } {
  const colours = (input as { colours?: unknown } | null)?.colours;
  if (!colours || typeof colours !== "object") return { input, deprecated: [] };
  const deprecated: string[] = [];
  const translated: Record<string, unknown> = {};
  for (const [colour, change] of Object.entries(colours as Record<string, unknown>)) {
    if (!change || typeof change !== "object") {
      translated[colour] = change;
      continue;
    }
    const current: Record<string, unknown> = { ...change };
    for (const [oldKey, toRule] of Object.entries(DEPRECATED_ACCEPT_KEYS)) {
      if (!(oldKey in current)) continue;
      if ("accept" in current) throw new Error(`colours.${colour}: ${oldKey} 与 accept 只能给一个（${oldKey} 是旧写法）`);
      current.accept = toRule(current[oldKey]);
      delete current[oldKey];
      deprecated.push(`colours.${colour}.${oldKey}`);
    }
    translated[colour] = current;
  }
  return { input: { ...(input as object), colours: translated }, deprecated };
}
