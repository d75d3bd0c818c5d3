import { z } from "zod";

/** 议事会 and 积分 in the console: their query strings; an unknown parameter is refused by name. */

const month = z.string().regex(/^\d{4}-\d{2}$/, "month must be YYYY-MM");

export const meetingsQuery = z
  .object({
    unit: z.string().min(1).max(64).optional(),
    month: month.optional().describe("the calendar's month, YYYY-MM (default: this month, in TZ)"),
  })
  .strict();

export const pointsQuery = z
  .object({
    unit: z.string().min(1).max(64).optional(),
    period: z.string().max(20).optional().describe("全部 (all time, the default), 本周, 上周, 本月, 上月 or YYYY-MM"),
  })
  .strict();

export const ledgerQuery = z.object({ unit: z.string().min(1).max(64).optional() }).strict();

export const meetingNumberParam = z.object({ number: z.coerce.number().int().min(1).describe("meeting number") });
export const memberIdParam = z.object({ memberId: z.string().min(1).max(64).describe("member id (from the leaderboard's rows)") });
export const groupIdParam = z.object({ groupId: z.string().min(1).max(64).describe("group id") });
