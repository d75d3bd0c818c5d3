import { z } from "zod";
import { COLOURS, TICKET_STATUSES } from "../../domain/types.ts";

const flag = z.enum(["1", "0", "true", "false"]).transform((value) => value === "1" || value === "true");
const instant = z.iso.datetime({ offset: true }).transform((value) => new Date(value));
const list = (values: readonly [string, ...string[]]) =>
  z
    .string()
    .transform((value) => value.split(",").filter(Boolean))
    .pipe(z.array(z.enum(values)));

/** The board's filters in the query string; an unknown parameter is refused by name. */
export const boardFiltersQuery = z
  .object({
    unit: z.string().min(1).max(64).optional(),
    status: list(["open", ...TICKET_STATUSES]).optional(),
    colour: z.enum(COLOURS).optional(),
    category: z.string().min(1).max(40).optional(),
    overdue: flag.optional(),
    from: instant.optional(),
    to: instant.optional(),
    handler: z.string().min(1).max(40).optional(),
    onBehalf: flag.optional(),
    hasPhotos: flag.optional(),
    q: z.string().max(100).optional(),
    staff: z.string().min(1).max(64).optional().describe("a staff member's id: the tickets they 派单'd, 办结'd, 回访'd or hold (act)"),
    act: z.enum(["assigned", "resolved", "revisited", "holds"]).optional().describe("with staff: which of their tickets (default holds: assigned to them now)"),
  })
  .strict();

export const boardQuery = boardFiltersQuery
  .extend({
    sort: z.enum(["newest", "deadline"]).default("newest"),
    after: z.string().max(200).optional(),
    limit: z.coerce.number().int().min(1).max(200).default(50),
  })
  .strict();

export const statsQuery = z
  .object({
    unit: z.string().min(1).max(64).optional(),
    period: z.string().max(20).optional(),
    from: instant.optional(),
    to: instant.optional(),
    trend: z.enum(["week", "month"]).default("month"),
  })
  .strict();

/** The unit and period of the per-staff figures and of the 月度通报: as the statistics', without the trend. */
export const staffStatsQuery = statsQuery.omit({ trend: true }).strict();

/** 月度通报: the unit and period, and for CSV which table (统计 by unit, or 人员). */
export const reportQuery = staffStatsQuery
  .extend({ table: z.enum(["units", "staff"]).default("units").describe("CSV only: units (统计) or staff (人员)") })
  .strict();

export const signInBody = z.object({ token: z.string().min(20).max(100) }).strict();

export const platformSignInBody = z.object({ platform: z.string().min(1).max(40), code: z.string().min(1).max(512) }).strict();

export const bulkBody = z
  .object({
    numbers: z.array(z.number().int().positive()).min(1).max(100),
    action: z.enum(["accept", "assign"]),
    target: z.string().trim().min(1).max(40).optional(),
  })
  .strict()
  .refine((body) => body.action !== "assign" || body.target, { message: "target is required to assign", path: ["target"] });

export const invitationBody = z.object({ memberId: z.string().min(1).max(64) }).strict();

/** A saved view's filters: the board's query-string values, checked as the board checks them. */
export const viewFilters = z
  .record(z.string(), z.string().max(200))
  .superRefine((filters, ctx) => {
    const parsed = boardFiltersQuery.safeParse(filters);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ code: "custom", message: issue.message, path: issue.path });
  })
  .describe("the board's filters as its query string carries them: unit, status, colour, category, overdue, from, to, handler, onBehalf, hasPhotos, q");

const viewName = z.string().trim().min(1).max(20);

export const viewBody = z.object({ name: viewName, filters: viewFilters }).strict();

export const viewChangeBody = z
  .object({ name: viewName.optional(), filters: viewFilters.optional() })
  .strict()
  .refine((change) => change.name !== undefined || change.filters !== undefined, { message: "name or filters is required" });
