import type Router from "@koa/router";
import { bindGroup, grantRole } from "../../features/groups/directory.ts";
import { NotDead, outboxItems, retryDeadPost } from "../../features/outbox/admin.ts";
import { readJsonBody } from "../body.ts";
import { parsePeriod } from "../../domain/periods.ts";
import { Refusal } from "../../domain/refusal.ts";
import { loadServiceScope, type ServiceSettings } from "../../features/context.ts";
import { serializeStats, unitStats } from "../../features/stats/stats.ts";
import { CUSTOM_PERIOD_LABEL } from "../../features/stats/texts.ts";
import { meetingDetail, queryMeetings } from "../../features/meetings/queries.ts";
import type { Database } from "../../store/database.ts";
import { queryTickets, ticketWithHistory } from "../../features/tickets/queries.ts";
import { groupBindingFor, meetingQuery, outboxQuery, positiveIdParam, roleGrant, statsQuery, ticketFilters } from "../apiSchemas.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { HttpError } from "../errors.ts";
import { parseQuery } from "../params.ts";
import { createRouter } from "../router.ts";

function positiveId(raw: string | undefined, what: string): number {
  const parsed = positiveIdParam.safeParse(raw);
  if (!parsed.success) throw new HttpError(400, "invalid_number", `${what} must be a positive integer`);
  return parsed.data;
}

/** The admin API, each route behind the bearer token: tickets, statistics, meetings, group bindings and roles, the outbox. */
export function apiRoutes(
  db: Database,
  settings: ServiceSettings,
  adminToken: AdminTokenHash,
  bodyLimit: number,
  clock: () => Date,
  outboxChanged: () => void,
  platforms: readonly string[],
): Router {
  const bindingSchema = groupBindingFor(platforms);
  const router = createRouter("/api");
  // On every route, not before routing: see auth.ts.
  const admin = requireAdminToken(adminToken);

  router.get("/tickets", admin, async (ctx) => {
    const { group, ...rest } = parseQuery(ticketFilters, ctx.query);
    ctx.body = await queryTickets(db, { ...rest, ...(group ? { groupId: group } : {}) });
  });

  router.get("/tickets/:number", admin, async (ctx) => {
    const number = positiveId(ctx.params.number, "ticket number");
    const ticket = await ticketWithHistory(db, number);
    if (!ticket) throw new HttpError(404, "not_found", `no ticket #${number}`);
    ctx.body = { ticket };
  });

  router.get("/stats", admin, async (ctx) => {
    const { unit, from, to } = parseQuery(statsQuery, ctx.query);
    const now = clock();
    const scope = await loadServiceScope(db, settings, now);
    const month = parsePeriod("本月", now, settings.zone)!;
    const period = { from: from ?? month.from, to: to ?? (from ? now : month.to), label: from || to ? CUSTOM_PERIOD_LABEL : month.label };
    if (period.to.getTime() <= period.from.getTime()) throw new HttpError(400, "invalid_query", "to must be after from");
    try {
      ctx.body = serializeStats(await unitStats(db, scope, unit, period));
    } catch (error) {
      if (error instanceof Refusal) throw new HttpError(404, "not_found", `no unit ${unit}`);
      throw error;
    }
  });

  router.get("/meetings", admin, async (ctx) => {
    const { group, unit, from, to, limit } = parseQuery(meetingQuery, ctx.query);
    ctx.body = { meetings: await queryMeetings(db, { group, unit, from, to }, limit) };
  });

  router.get("/meetings/:number", admin, async (ctx) => {
    const number = positiveId(ctx.params.number, "meeting number");
    const meeting = await meetingDetail(db, number);
    if (!meeting) throw new HttpError(404, "not_found", `no meeting #${number}`);
    ctx.body = { meeting };
  });

  router.post("/groups", admin, async (ctx) => {
    const { group, created } = await bindGroup(db, await readJsonBody(ctx, bodyLimit, bindingSchema));
    ctx.status = created ? 201 : 200;
    ctx.body = { group };
  });

  router.put("/groups/:groupId/members", admin, async (ctx) => {
    ctx.body = { member: await grantRole(db, ctx.params.groupId!, await readJsonBody(ctx, bodyLimit, roleGrant)) };
  });

  router.get("/outbox", admin, async (ctx) => {
    const { status, limit } = parseQuery(outboxQuery, ctx.query);
    ctx.body = { items: await outboxItems(db, status, limit) };
  });

  router.post("/outbox/:id/retry", admin, async (ctx) => {
    const id = positiveId(ctx.params.id, "outbox id");
    try {
      ctx.body = { item: await retryDeadPost(db, id, clock()) };
      outboxChanged();
    } catch (error) {
      if (error instanceof NotDead) throw new HttpError(409, "not_dead", error.message);
      throw error;
    }
  });

  return router;
}
