import type Koa from "koa";
import { loadTaxonomy } from "./bot/taxonomy.ts";
import type { Config } from "./config.ts";
import { DEFAULT_DEADLINE_POLICY } from "./domain/deadlines.ts";
import { createHttpApp } from "./http/app.ts";
import type { Logger } from "./logger.ts";
import type { MessageServiceDeps } from "./services/handleMessage.ts";
import type { Database } from "./store/database.ts";

export interface Bot {
  app: Koa;
  deps: MessageServiceDeps;
  adminToken: string;
}

/** Assembles the bot from its parts; main.ts and the tests both build it this way. */
export function createBot(config: Config, db: Database, logger: Logger, adminToken: string, clock: () => Date = () => new Date()): Bot {
  const deps: MessageServiceDeps = {
    db,
    logger,
    clock,
    settings: {
      zone: config.TZ,
      botName: config.BOT_NAME,
      categories: loadTaxonomy(config.CATEGORIES_FILE),
      policy: DEFAULT_DEADLINE_POLICY,
    },
  };
  const app = createHttpApp(
    deps,
    { bodyLimit: config.BODY_LIMIT, adminToken, botName: config.BOT_NAME, sandboxEnabled: config.SANDBOX_ENABLED },
    logger,
  );
  return { app, deps, adminToken };
}
