import type Router from "@koa/router";
import type { Middleware } from "koa";
import type { MessageServiceDeps } from "../../features/handleMessage.ts";
import {
  connectionStates,
  groupBindings,
  groupOutbox,
  outboxOverview,
  retryGroupDeadLetters,
  viewerIsOperator,
  type WatchedConnectionState,
} from "../../features/console/operators.ts";
import { webhookOverview } from "../../features/console/operatorWebhooks.ts";
import { NO_SUCH_GROUP, NO_SUCH_WEBHOOK_EVENT, OPERATORS_ONLY, WEBHOOK_EVENT_WAITING } from "../../features/console/texts.ts";
import { replay, StillQueued } from "../../features/webhooks/admin.ts";
import { NotFound } from "../../domain/refusal.ts";
import { eventId } from "../webhookSchemas.ts";
import { HttpError } from "../errors.ts";
import { createRouter } from "../router.ts";
import { groupIdParam } from "./deliberationSchemas.ts";
import { parseParams } from "../params.ts";
import { consoleStateOf, requireConsoleSession } from "./session.ts";

export interface OperatorRouteOptions {
  publicBaseUrl: string;
  /** The configured platforms, and whether each receives over a long connection of its own. */
  platforms: readonly { name: string; longConnection: boolean }[];
  /** The started long connections, as /readyz watches them (filled once the server listens). */
  connections: () => readonly WatchedConnectionState[];
}

/** 运维: the outbox by group (and a group's dead letters retried), the webhooks' deliveries (and an event sent again), the groups' bindings, the platforms' connections; operators only. */
export function operatorRoutes(deps: MessageServiceDeps, options: OperatorRouteOptions): Router {
  const { db, settings, clock } = deps;
  const router = createRouter();
  const session = requireConsoleSession(db, deps.routing, clock, { publicBaseUrl: options.publicBaseUrl, operators: settings.operators, withoutUnits: true });
  const operatorOnly: Middleware = async (ctx, next) => {
    if (!viewerIsOperator(settings, consoleStateOf(ctx).viewer)) throw new HttpError(403, "not_operator", OPERATORS_ONLY);
    await next();
  };

  router.get("/console/api/operators/outbox", session, operatorOnly, async (ctx) => {
    ctx.body = { groups: await outboxOverview(db, consoleStateOf(ctx).viewer.units, clock()) };
  });

  router.get("/console/api/operators/outbox/:groupId", session, operatorOnly, async (ctx) => {
    const { groupId } = parseParams(groupIdParam, ctx);
    const outbox = await groupOutbox(db, groupId);
    if (!outbox) throw new HttpError(404, "not_found", NO_SUCH_GROUP(groupId));
    ctx.body = outbox;
  });

  router.post("/console/api/operators/outbox/:groupId/retry", session, operatorOnly, async (ctx) => {
    const { groupId } = parseParams(groupIdParam, ctx);
    const requeued = await retryGroupDeadLetters(db, groupId, clock());
    if (requeued === null) throw new HttpError(404, "not_found", NO_SUCH_GROUP(groupId));
    if (requeued > 0) deps.onOutboxChanged?.();
    ctx.body = { requeued };
  });

  router.get("/console/api/operators/webhooks", session, operatorOnly, async (ctx) => {
    ctx.body = await webhookOverview(db, consoleStateOf(ctx).viewer.units);
  });

  // 重发: the admin API's replay, refused in words while the event still waits.
  router.post("/console/api/operators/webhooks/events/:eventId/replay", session, operatorOnly, async (ctx) => {
    const { eventId: id } = parseParams(eventId, ctx);
    try {
      ctx.body = { requeued: (await replay(db, id, clock())).length };
    } catch (error) {
      if (error instanceof StillQueued) throw new HttpError(409, "still_queued", WEBHOOK_EVENT_WAITING(id));
      if (error instanceof NotFound) throw new HttpError(404, "not_found", NO_SUCH_WEBHOOK_EVENT(id));
      throw error;
    }
    deps.onOutboxChanged?.();
  });

  router.get("/console/api/operators/groups", session, operatorOnly, async (ctx) => {
    ctx.body = { groups: await groupBindings(db, consoleStateOf(ctx).viewer.units) };
  });

  router.get("/console/api/operators/connections", session, operatorOnly, (ctx) => {
    ctx.body = connectionStates(options.platforms, options.connections());
  });

  return router;
}
