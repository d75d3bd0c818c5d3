import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createBot } from "./app.ts";
import { startJobs } from "./jobs/scheduler.ts";
import { advertiseServer, localUrl } from "./jobs/serverFile.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { absoluteDatabaseUrl, openDatabase, sqliteFilePath, tuneDatabase } from "./store/database.ts";
import { seedDemo } from "./platforms/sandbox/demoSeed.ts";
import { applyMigrations } from "./store/migrate.ts";

// Wiring only: config → store → platforms → http → jobs.
async function main(): Promise<void> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  let config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      process.exit(1);
    }
    throw error;
  }
  const logger = createLogger(config.LOG_LEVEL);
  const databaseUrl = absoluteDatabaseUrl(config.DATABASE_URL);
  await applyMigrations(databaseUrl);
  const db = openDatabase(databaseUrl);
  await tuneDatabase(db);
  if (config.DEMO_SEED) await seedDemo(db);

  let adminToken = config.ADMIN_TOKEN;
  if (!adminToken) {
    // A secret never goes to the log: the one-off token is written beside the database, readable by its owner only.
    adminToken = randomBytes(18).toString("base64url");
    const tokenFile = path.join(path.dirname(sqliteFilePath(databaseUrl)), "admin-token");
    writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
    logger.warn({ tokenFile }, "ADMIN_TOKEN is not set; a one-off token for this run is in the token file (set ADMIN_TOKEN in .env to keep one)");
  }

  const bot = createBot(config, db, logger, adminToken);
  bot.outbox.start(config.OUTBOX_POLL_MS);
  const jobs = config.JOBS_ENABLED ? startJobs(bot.deps, config) : [];
  const platforms = bot.platforms.adapters.flatMap((adapter) => adapter.transports);
  const home = bot.platforms.adapters.find((adapter) => adapter.homePath)?.homePath ?? "";
  let unadvertise = () => undefined as void;
  const server = bot.app.listen(config.PORT, config.HOST, () => {
    // `npm run job` against this database hands its job to this process instead of writing beside it.
    unadvertise = advertiseServer(databaseUrl, localUrl(config.HOST, (server.address() as AddressInfo).port));
    const where = `http://localhost:${config.PORT}`;
    logger.info({ port: config.PORT, zone: config.TZ, platforms }, `议事助手已启动：${where}${home}`);
  });

  const shutdown = (signal: string) => {
    logger.info({ signal }, "shutting down");
    for (const job of jobs) void job.stop();
    unadvertise();
    server.close(() => void bot.outbox.stop().then(() => db.$disconnect()).finally(() => process.exit(0)));
    setTimeout(() => process.exit(0), 5000).unref();
  };
  process.once("SIGINT", () => shutdown("SIGINT"));
  process.once("SIGTERM", () => shutdown("SIGTERM"));
}

await main();
