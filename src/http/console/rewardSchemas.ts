import { z } from "zod";

/** 积分商城 in the console: its query string and path parameters; an unknown parameter is refused by name. */

export const rewardsQuery = z
  .object({ unit: z.string().min(1).max(64).optional().describe("the unit (and those below); default: the viewer's highest") })
  .strict();

export const itemIdParam = z.object({ id: z.coerce.number().int().min(1).describe("catalogue item id") });
export const orderCodeParam = z.object({ code: z.string().min(1).max(16).describe("the order's pick-up code") });

export const handOverQuery = z
  .object({
    unit: z.string().min(1).max(64).optional().describe("the item's unit: its estates' residents may be named"),
    q: z.string().trim().max(40).default("").describe("part of the name"),
  })
  .strict();
