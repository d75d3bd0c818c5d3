import type Router from "@koa/router";
import {
  changeEndpoint,
  deliveryList,
  endpointList,
  registerEndpoint,
  removeEndpoint,
  replay,
  rotateSecret,
  StillQueued,
  WebhookRefused,
} from "../../features/webhooks/admin.ts";
import type { Database } from "../../store/database.ts";
import { requireAdminToken, type AdminTokenHash } from "../auth.ts";
import { readJsonBody } from "../body.ts";
import { HttpError } from "../errors.ts";
import { parseParams, parseQuery } from "../params.ts";
import { createRouter } from "../router.ts";
import { deliveryQuery, eventId, webhookChange, webhookId, webhookRegistration } from "../webhookSchemas.ts";

/** The admin API's outbound webhooks, each route behind the bearer token: endpoints, deliveries, replay. */
export function webhookRoutes(
  db: Database,
  options: { adminToken: AdminTokenHash; bodyLimit: number; clock: () => Date; zone: string; changed: () => void },
): Router {
  const router = createRouter("/api");
  const admin = requireAdminToken(options.adminToken);

  router.get("/webhooks", admin, async (ctx) => {
    ctx.body = { endpoints: await endpointList(db) };
  });

  router.post("/webhooks", admin, async (ctx) => {
    const registration = await readJsonBody(ctx, options.bodyLimit, webhookRegistration);
    try {
      ctx.body = await registerEndpoint(db, registration, options.zone, options.clock());
      ctx.status = 201;
    } catch (error) {
      if (error instanceof WebhookRefused) throw new HttpError(400, error.code, error.message);
      throw error;
    }
  });

  router.patch("/webhooks/:id", admin, async (ctx) => {
    const { id } = parseParams(webhookId, ctx);
    ctx.body = { endpoint: await changeEndpoint(db, id, await readJsonBody(ctx, options.bodyLimit, webhookChange)) };
    options.changed();
  });

  router.delete("/webhooks/:id", admin, async (ctx) => {
    const { id } = parseParams(webhookId, ctx);
    await removeEndpoint(db, id);
    ctx.body = { deleted: true };
  });

  router.post("/webhooks/:id/rotate", admin, async (ctx) => {
    const { id } = parseParams(webhookId, ctx);
    ctx.body = await rotateSecret(db, id, options.clock());
  });

  router.get("/webhooks/deliveries", admin, async (ctx) => {
    const { limit, ...filters } = parseQuery(deliveryQuery, ctx.query);
    ctx.body = { items: await deliveryList(db, filters, limit) };
  });

  router.post("/webhooks/events/:eventId/replay", admin, async (ctx) => {
    const { eventId: id } = parseParams(eventId, ctx);
    try {
      ctx.body = { items: await replay(db, id, options.clock()) };
      options.changed();
    } catch (error) {
      if (error instanceof StillQueued) throw new HttpError(409, "still_queued", error.message);
      throw error;
    }
  });

  return router;
}
