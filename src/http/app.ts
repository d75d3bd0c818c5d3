import Koa from "koa";
import type { Logger } from "../logger.ts";
import type { MessageServiceDeps } from "../services/handleMessage.ts";
import { errorBoundary } from "./errors.ts";
import { healthRoutes, readinessOf } from "./health.ts";
import { apiDocsRoutes } from "./openapi.ts";
import { apiRoutes } from "./routes/api.ts";
import { calendarRoutes } from "./routes/calendar.ts";
import { sandboxRoutes } from "./routes/sandbox.ts";
import { dingtalkRoutes } from "./routes/dingtalk.ts";
import { wecomRoutes } from "./routes/wecom.ts";
import type { WecomKeys } from "../platforms/wecom/crypto.ts";

export interface HttpOptions {
  bodyLimit: number;
  adminToken: string;
  botName: string;
  sandboxEnabled: boolean;
  wecom: { robot?: WecomKeys; app?: WecomKeys };
  dingtalk?: { appSecret: string; apiBase: string };
}

/** The Koa app: routes are thin; they parse, authenticate, call a service and answer. */
export function createHttpApp(deps: MessageServiceDeps, options: HttpOptions, logger: Logger): Koa {
  const app = new Koa();
  app.proxy = true;
  app.use(errorBoundary(logger));

  app.use(healthRoutes(deps.db, readinessOf(app), options.sandboxEnabled).routes());
  app.use(apiDocsRoutes().routes());

  const calendar = calendarRoutes(deps.db);
  app.use(calendar.routes()).use(calendar.allowedMethods());

  const api = apiRoutes(deps.db, deps.settings, options.adminToken, options.bodyLimit, deps.clock, () => deps.onOutboxChanged?.());
  app.use(api.routes()).use(api.allowedMethods());

  // A platform whose credentials are not configured is simply off: its routes do not exist.
  if (options.wecom.robot || options.wecom.app) {
    const wecom = wecomRoutes(deps, { ...options.wecom, bodyLimit: options.bodyLimit });
    app.use(wecom.routes()).use(wecom.allowedMethods());
  }
  if (options.dingtalk) {
    const dingtalk = dingtalkRoutes(deps, { ...options.dingtalk, bodyLimit: options.bodyLimit });
    app.use(dingtalk.routes()).use(dingtalk.allowedMethods());
  }

  if (options.sandboxEnabled) {
    const sandbox = sandboxRoutes(deps, options.bodyLimit, options.botName);
    app.use(sandbox.routes()).use(sandbox.allowedMethods());
  }
  return app;
}
