import Koa from "koa";
import type { Logger } from "../logger.ts";
import type { Inbound, PlatformRegistry } from "../platforms/index.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { errorBoundary } from "./errors.ts";
import { healthRoutes, readinessOf } from "./health.ts";
import { apiDocsRoutes } from "./openapi.ts";
import { apiRoutes } from "./routes/api.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { jobRoutes } from "./routes/jobs.ts";

export interface HttpOptions {
  bodyLimit: number;
  adminToken: string;
  botName: string;
  platforms: PlatformRegistry;
  /** The one door every platform's messages go through (src/app.ts builds it). */
  inbound: Inbound;
}

/** The Koa app: routes are thin; they parse, authenticate, call a service and answer. */
export function createHttpApp(deps: MessageServiceDeps, options: HttpOptions, logger: Logger): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(errorBoundary(logger));
  const { platforms } = options;

  const home = platforms.adapters.find((adapter) => adapter.homePath)?.homePath ?? "/healthz";
  app.use(healthRoutes(deps.db, readinessOf(app), home).routes());
  app.use(apiDocsRoutes().routes());

  const calendar = calendarRoutes(deps.db);
  app.use(calendar.routes()).use(calendar.allowedMethods());

  const api = apiRoutes(deps.db, deps.settings, options.adminToken, options.bodyLimit, deps.clock, () => deps.onOutboxChanged?.(), platforms.names);
  app.use(api.routes()).use(api.allowedMethods());
  const attachments = attachmentRoutes(deps.db, deps.media, options.adminToken, deps.clock);
  app.use(attachments.routes()).use(attachments.allowedMethods());
  const jobs = jobRoutes(deps, options.adminToken, options.bodyLimit);
  app.use(jobs.routes()).use(jobs.allowedMethods());

  // Every platform's inbound routes end in the same doors: handleIncomingMessage, and handleIncomingAction for card clicks.
  for (const adapter of platforms.adapters) {
    const router = adapter.routes?.(options.inbound);
    if (router) app.use(router.routes()).use(router.allowedMethods());
  }
  return app;
}
