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
import { NO_SUCH_GROUP, OPERATORS_ONLY } from "../../features/console/texts.ts";
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

/** 运维: the outbox by group (and a group's dead letters retried), the groups' bindings, the platforms' connections; operators only. */
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

  router.get("/console/api/operators/groups", session, operatorOnly, async (ctx) => {
    ctx.body = { groups: await groupBindings(db, consoleStateOf(ctx).viewer.units) };
  });

  router.get("/console/api/operators/connections", session, operatorOnly, (ctx) => {
    ctx.body = connectionStates(options.platforms, options.connections());
  });

  return router;
}
