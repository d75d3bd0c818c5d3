import type { Rating } from "./types.ts";

/**
 * Per-staff figures (人员统计): what one staff member did on the tickets of a unit's subtree reported in a
 * period. Counts that add up, as `StatTally`, so the database sums them and this file only divides.
 */
export interface StaffTally {
  /** 派单: tickets they assigned (a 派单 event of theirs). */
  assigned: number;
  /** 办结: tickets they resolved (a 办结 event of theirs). */
  resolved: number;
  /** 超期: tickets now assigned to them, open and past their deadline. */
  overdue: number;
  /** 回访: tickets whose result they confirmed with the resident (a 回访 of a 代报). */
  revisited: number;
  /** Of the tickets they resolved, those rated, and the sum of the ratings' scores (RATING_SCORES). */
  rated: number;
  ratingScore: number;
  /** Of those rated, 满意 or 基本满意. */
  satisfied: number;
}

export const EMPTY_STAFF_TALLY: StaffTally = { assigned: 0, resolved: 0, overdue: 0, revisited: 0, rated: 0, ratingScore: 0, satisfied: 0 };

/** A rating as a score out of 3, for the average: 满意 3, 基本满意 2, 不满意 1. */
export const RATING_SCORES: Record<Rating, number> = { satisfied: 3, basically_satisfied: 2, unsatisfied: 1 };

/** The note a 回访 leaves on its rating event starts so (features/tickets/texts.ts `revisitNote`): how a 回访 is told from a resident's 评价. */
export const REVISIT_NOTE_PREFIX = "回访：";

export interface StaffFigures extends StaffTally {
  /** The mean score (1–3) of the ratings of the tickets they resolved, or null when none was rated. */
  averageRating: number | null;
  /** 满意率 of the tickets they resolved: (满意 + 基本满意) ÷ rated, or null when none was rated. */
  satisfaction: number | null;
}

export function addStaffTallies(a: Readonly<StaffTally>, b: Readonly<StaffTally>): StaffTally {
  const sum = { ...a };
  for (const key of Object.keys(sum) as (keyof StaffTally)[]) sum[key] += b[key];
  return sum;
}

export function staffFiguresOf(tally: Readonly<StaffTally>): StaffFigures {
  return {
    ...tally,
    averageRating: tally.rated ? Math.round((tally.ratingScore / tally.rated) * 100) / 100 : null,
    satisfaction: tally.rated ? tally.satisfied / tally.rated : null,
  };
}

export type StaffSortKey = "assigned" | "resolved" | "overdue" | "revisited" | "rated" | "averageRating";

/** Rows ordered by one figure, largest first (a missing average last), then by name: the table's default is by 办结. */
export function sortStaffRows<T extends { name: string; figures: StaffFigures }>(rows: readonly T[], key: StaffSortKey = "resolved"): T[] {
  const value = (row: T) => row.figures[key] ?? -1;
  return [...rows].sort((a, b) => value(b) - value(a) || a.name.localeCompare(b.name, "zh-CN"));
}
