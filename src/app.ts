import type Koa from "koa";
import { loadTaxonomy } from "./bot/taxonomy.ts";
import type { Config } from "./config.ts";
import { loadPolicy } from "./policyFile.ts";
import { createHttpApp } from "./http/app.ts";
import type { Logger } from "./logger.ts";
import type { MessageServiceDeps } from "./services/handleMessage.ts";
import type { Database } from "./store/database.ts";
import { createDeliver } from "./outbox/deliver.ts";
import { OutboxWorker } from "./outbox/worker.ts";
import { appKeys } from "./platforms/wecom/app.ts";
import { robotKeys } from "./platforms/wecom/robot.ts";

export interface Bot {
  app: Koa;
  deps: MessageServiceDeps;
  adminToken: string;
  outbox: OutboxWorker;
}

/** Assembles the bot from its parts; main.ts and the tests both build it this way. */
export function createBot(config: Config, db: Database, logger: Logger, adminToken: string, clock: () => Date = () => new Date()): Bot {
  const outbox = new OutboxWorker({
    db,
    clock,
    logger,
    deliver: createDeliver({ wecomApiBase: config.WECOM_API_BASE, dingtalkApiBase: config.DINGTALK_API_BASE }),
    ratePerMinute: config.OUTBOX_RATE_PER_MINUTE,
    maxAttempts: config.OUTBOX_MAX_ATTEMPTS,
  });
  const deps: MessageServiceDeps = {
    onOutboxChanged: () => outbox.nudge(),
    db,
    logger,
    clock,
    settings: {
      zone: config.TZ,
      botName: config.BOT_NAME,
      categories: loadTaxonomy(config.CATEGORIES_FILE),
      policy: loadPolicy(config.POLICY_FILE),
      operators: new Set(config.BIND_OPERATORS),
      meetings: {
        reminderOffsetsMinutes: config.MEETING_REMINDER_OFFSETS,
        leadDays: config.MEETING_LEAD_DAYS,
        publicBaseUrl: config.PUBLIC_BASE_URL ?? `http://localhost:${config.PORT}`,
      },
    },
  };
  const app = createHttpApp(
    deps,
    {
      bodyLimit: config.BODY_LIMIT,
      adminToken,
      botName: config.BOT_NAME,
      sandboxEnabled: config.SANDBOX_ENABLED,
      wecom: {
        ...(config.WECOM_BOT_TOKEN && config.WECOM_BOT_ENCODING_AES_KEY ? { robot: robotKeys(config.WECOM_BOT_TOKEN, config.WECOM_BOT_ENCODING_AES_KEY) } : {}),
        ...(config.WECOM_TOKEN && config.WECOM_ENCODING_AES_KEY && config.WECOM_CORP_ID
          ? { app: appKeys(config.WECOM_TOKEN, config.WECOM_ENCODING_AES_KEY, config.WECOM_CORP_ID) }
          : {}),
      },
      ...(config.DINGTALK_APP_SECRET ? { dingtalk: { appSecret: config.DINGTALK_APP_SECRET, apiBase: config.DINGTALK_API_BASE } } : {}),
    },
    logger,
  );
  return { app, deps, adminToken, outbox };
}
