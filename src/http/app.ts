import Koa from "koa";
import type { Logger } from "../logger.ts";
import type { Inbound, PlatformRegistry } from "../platforms/index.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import type { AdminTokenHash } from "./auth.ts";
import { errorBoundary } from "./errors.ts";
import { healthRoutes, readinessOf } from "./health.ts";
import { apiDocsRoutes } from "./openapi.ts";
import { apiRoutes } from "./routes/api.ts";
import { attachmentRoutes } from "./routes/attachments.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { jobRoutes } from "./routes/jobs.ts";
import { webhookRoutes } from "./routes/webhooks.ts";
import { consoleRoutes } from "./console/routes.ts";
import { consoleStaticRoutes } from "./console/static.ts";
import { deliberationRoutes } from "./console/deliberationRoutes.ts";
import { rewardRoutes } from "./console/rewardRoutes.ts";
import { operatorRoutes } from "./console/operatorRoutes.ts";
import { platformSignInRoutes } from "./console/platformSignIn.ts";
import { open311KeyRoutes } from "./open311/keyRoutes.ts";
import { open311NotFound } from "./open311/format.ts";
import { open311Routes } from "./open311/routes.ts";

export interface HttpOptions {
  bodyLimit: number;
  adminToken: AdminTokenHash;
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

  // No router answers 405 or OPTIONS (allowedMethods): it would answer for every router's paths, the admin
  // API's too, before any token is asked for. A method a path does not have is no route: 404.
  app.use(calendarRoutes(deps.db).routes());

  app.use(apiRoutes(deps.db, deps.settings, options.adminToken, options.bodyLimit, deps.clock, () => deps.onOutboxChanged?.(), platforms.names).routes());
  app.use(attachmentRoutes(deps.db, deps.media, options.adminToken, deps.clock).routes());
  app.use(jobRoutes(deps, options.adminToken, options.bodyLimit).routes());
  // Open311 GeoReport v2 for other systems (12345, portals), and its keys in the admin API.
  app.use(open311NotFound());
  app.use(open311Routes(deps, { bodyLimit: options.bodyLimit }).routes());
  app.use(open311KeyRoutes(deps.db, options.adminToken, options.bodyLimit, deps.clock).routes());
  app.use(
    webhookRoutes(deps.db, {
      adminToken: options.adminToken,
      bodyLimit: options.bodyLimit,
      clock: deps.clock,
      zone: deps.settings.zone,
      changed: () => deps.onOutboxChanged?.(),
    }).routes(),
  );
  // The staff console (工作台): its page under /console, its JSON under /console/api.
  app.use(consoleStaticRoutes().routes());
  app.use(consoleRoutes(deps, { adminToken: options.adminToken, bodyLimit: options.bodyLimit, publicBaseUrl: deps.settings.meetings.publicBaseUrl }).routes());
  app.use(deliberationRoutes(deps, { bodyLimit: options.bodyLimit, publicBaseUrl: deps.settings.meetings.publicBaseUrl }).routes());
  app.use(rewardRoutes(deps, { bodyLimit: options.bodyLimit, publicBaseUrl: deps.settings.meetings.publicBaseUrl }).routes());
  const readiness = readinessOf(app);
  app.use(
    operatorRoutes(deps, {
      publicBaseUrl: deps.settings.meetings.publicBaseUrl,
      platforms: platforms.adapters.map((adapter) => ({ name: adapter.name, longConnection: Boolean(adapter.connect) })),
      connections: () => readiness.connections,
    }).routes(),
  );
  // Signing in to it through a platform's own web sign-in (WeCom OAuth, DingTalk 免登), where configured.
  const signIns = platforms.adapters.flatMap((adapter) => (adapter.staffSignIn ? [{ platform: adapter.name, signIn: adapter.staffSignIn }] : []));
  app.use(platformSignInRoutes(deps, signIns, { bodyLimit: options.bodyLimit, publicBaseUrl: deps.settings.meetings.publicBaseUrl }).routes());

  // Every platform's inbound routes end in the same doors: handleIncomingMessage, and handleIncomingAction for card clicks.
  for (const adapter of platforms.adapters) {
    const router = adapter.routes?.(options.inbound);
    if (router) app.use(router.routes());
  }
  return app;
}
