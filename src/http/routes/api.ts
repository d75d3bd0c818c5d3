import Router from "@koa/router";
import { z } from "zod";
import { COLOURS, TICKET_STATUSES } from "../../domain/types.ts";
import type { Database } from "../../store/database.ts";
import { queryTickets, ticketWithHistory } from "../../services/ticketQueries.ts";
import { requireAdminToken } from "../auth.ts";
import { HttpError } from "../errors.ts";

const ticketFilters = z.object({
  status: z.enum(TICKET_STATUSES).optional(),
  unit: z.string().min(1).optional(),
  group: z.string().min(1).optional(),
  category: z.string().regex(/^[a-z_]+$/).optional(),
  colour: z.enum(COLOURS).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
  offset: z.coerce.number().int().min(0).default(0),
});

/** The admin API: read-only views of tickets, behind the bearer token. */
export function apiRoutes(db: Database, adminToken: string): Router {
  const router = new Router({ prefix: "/api" });
  router.use(requireAdminToken(adminToken));

  router.get("/tickets", async (ctx) => {
    const parsed = ticketFilters.safeParse(ctx.query);
    if (!parsed.success) {
      const issue = parsed.error.issues[0]!;
      throw new HttpError(400, "invalid_query", `${issue.path.join(".")}: ${issue.message}`);
    }
    const { group, ...rest } = parsed.data;
    ctx.body = await queryTickets(db, { ...rest, ...(group ? { groupId: group } : {}) });
  });

  router.get("/tickets/:number", async (ctx) => {
    const number = Number(ctx.params.number);
    if (!Number.isSafeInteger(number) || number < 1) throw new HttpError(400, "invalid_number", "ticket number must be a positive integer");
    const ticket = await ticketWithHistory(db, number);
    if (!ticket) throw new HttpError(404, "not_found", `no ticket #${number}`);
    ctx.body = { ticket };
  });

  return router;
}
