import Router from "@koa/router";
import { z } from "zod";
import { COLOURS, ROLES, TICKET_STATUSES } from "../../domain/types.ts";
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

const groupBinding = (platforms: readonly string[]) => z.object({
  platform: z.string().refine((name) => platforms.includes(name), `must be one of: ${platforms.join(", ")}`),
  chatId: z.string().min(1).max(200),
  unitId: z.string().min(1),
  kind: z.enum(["residents", "staff"]),
  name: z.string().min(1).max(100),
  pushKey: z.string().min(1).max(500).nullable().optional(),
  pushSecret: z.string().min(1).max(500).nullable().optional(),
  /** Meeting reminder lead times for this group, in minutes before the meeting. */
  reminderOffsetsMinutes: z.array(z.number().int().min(1).max(60 * 24 * 30)).min(1).max(10).nullable().optional(),
});

const roleGrant = z.object({
  platformUserId: z.string().min(1).max(200),
  name: z.string().min(1).max(50).optional(),
  role: z.enum(ROLES),
});

/** Dates the data can hold: outside this, a query is a typo (or a probe), not a question about tickets. */
const EARLIEST = Date.UTC(2000, 0, 1);
const LATEST = Date.UTC(2100, 0, 1);

const isoInstant = z
  .string()
  .refine((value) => !Number.isNaN(Date.parse(value)), "must be an ISO-8601 date or time")
  .refine((value) => Date.parse(value) >= EARLIEST && Date.parse(value) <= LATEST, "must be between 2000-01-01 and 2100-01-01")
  .transform((value) => new Date(value));

const statsQuery = z.object({ unit: z.string().min(1), from: isoInstant.optional(), to: isoInstant.optional() });

const meetingQuery = z.object({
  group: z.string().min(1).optional(),
  unit: z.string().min(1).optional(),
  from: isoInstant.optional(),
  to: isoInstant.optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

const outboxQuery = z.object({
  status: z.enum(["pending", "sending", "sent", "dead"]).optional(),
  limit: z.coerce.number().int().min(1).max(500).default(100),
});

function parseQuery<T>(schema: z.ZodType<T>, query: unknown): T {
  const parsed = schema.safeParse(query);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new HttpError(400, "invalid_query", `${issue.path.join(".")}: ${issue.message}`);
}

function positiveId(raw: string | undefined, what: string): number {
  const id = Number(raw);
  if (!Number.isSafeInteger(id) || id < 1) throw new HttpError(400, "invalid_number", `${what} must be a positive integer`);
  return id;
}

/** The admin API behind the bearer token: tickets, statistics, meetings, group bindings and roles, the outbox. */
export function apiRoutes(db: Database, settings: ServiceSettings, adminToken: string, bodyLimit: number, clock: () => Date, outboxChanged: () => void, platforms: readonly string[]): Router {
  const bindingSchema = groupBinding(platforms);
  const router = new Router({ prefix: "/api" });
  router.use(requireAdminToken(adminToken));

  router.get("/tickets", async (ctx) => {
    const { group, ...rest } = parseQuery(ticketFilters, ctx.query);
    ctx.body = await queryTickets(db, { ...rest, ...(group ? { groupId: group } : {}) });
  });

  router.get("/tickets/:number", async (ctx) => {
    const number = positiveId(ctx.params.number, "ticket number");
    const ticket = await ticketWithHistory(db, number);
    if (!ticket) throw new HttpError(404, "not_found", `no ticket #${number}`);
    ctx.body = { ticket };
  });

  router.get("/stats", async (ctx) => {
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

  router.get("/meetings", async (ctx) => {
    const { group, unit, from, to, limit } = parseQuery(meetingQuery, ctx.query);
    ctx.body = { meetings: await queryMeetings(db, { group, unit, from, to }, limit) };
  });

  router.get("/meetings/:number", async (ctx) => {
    const number = positiveId(ctx.params.number, "meeting number");
    const meeting = await meetingDetail(db, number);
    if (!meeting) throw new HttpError(404, "not_found", `no meeting #${number}`);
    ctx.body = { meeting };
  });

  router.post("/groups", async (ctx) => {
    const { group, created } = await bindGroup(db, await readJsonBody(ctx, bodyLimit, bindingSchema));
    ctx.status = created ? 201 : 200;
    ctx.body = { group };
  });

  router.put("/groups/:groupId/members", async (ctx) => {
    ctx.body = { member: await grantRole(db, ctx.params.groupId!, await readJsonBody(ctx, bodyLimit, roleGrant)) };
  });

  router.get("/outbox", async (ctx) => {
    const { status, limit } = parseQuery(outboxQuery, ctx.query);
    ctx.body = { items: await outboxItems(db, status, limit) };
  });

  router.post("/outbox/:id/retry", async (ctx) => {
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
