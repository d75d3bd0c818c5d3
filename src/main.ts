import { existsSync } from "node:fs";
import path from "node:path";
import { createBot, holdConnectionsWhenElected } from "./app.ts";
import { INSTANCE_ID } from "./cluster/instance.ts";
import { startJobs } from "./jobs/scheduler.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { absoluteDatabaseUrl, dataDirectory, openDatabase, tuneDatabase } from "./store/database.ts";
import { isPostgresUrl } from "./store/postgresConfig.ts";
import { PLATFORMS } from "./platforms/index.ts";
import { applyMigrations } from "./store/migrate.ts";
import { readinessOf } from "./http/health.ts";
import { attachmentLinkSecret, establishAdminToken } from "./http/adminToken.ts";
import { listenEarly, portTakenMessage } from "./http/listenEarly.ts";
import { warmModels } from "./bot/classifier/models.ts";
import { cronTaskStoppable, exitOnSignals, httpServerStoppable } from "./shutdown.ts";
import { StdoutLog } from "./stdoutLog.ts";

// Wiring only: config → store → platforms → http → jobs; shutdown.ts drains them on SIGTERM/SIGINT.
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
  // stdout through a log that never holds the process up (a reader gone or not reading; see stdoutLog.ts).
  const stdoutLog = new StdoutLog();
  const logger = createLogger(config.LOG_LEVEL, stdoutLog);
  let early;
  try {
    early = await listenEarly(config.PORT, config.HOST);
  } catch (error) {
    const taken = portTakenMessage(error, config.PORT);
    if (!taken) throw error;
    console.error(taken);
    process.exit(1);
  }
  const { server, serve } = early;
  // A SQLite path is pinned to the working directory, so the CLI and the app open the same file.
  const databaseUrl = isPostgresUrl(config.DATABASE_URL) ? config.DATABASE_URL : absoluteDatabaseUrl(config.DATABASE_URL);
  await applyMigrations(databaseUrl);
  const db = openDatabase(databaseUrl);
  await tuneDatabase(db);
  if (config.DEMO_SEED) for (const platform of PLATFORMS) await platform.seedDemo?.(db);

  // Every instance on the database checks the same admin token and signs links with the same key (adminToken.ts).
  const tokenFile = path.join(dataDirectory(databaseUrl), "admin-token");
  const token = await establishAdminToken(db, { configured: config.ADMIN_TOKEN, tokenFile, now: new Date() });
  if (token.source === "elsewhere")
    logger.warn(
      "ADMIN_TOKEN is not set; the admin token was made by another instance and is in the admin-token file of its data directory (set ADMIN_TOKEN on every instance)",
    );
  else if (token.source !== "configured")
    logger.warn({ tokenFile }, "ADMIN_TOKEN is not set; the admin token is in the token file, kept across restarts (set ADMIN_TOKEN in .env to choose one)");
  const linkSecret = await attachmentLinkSecret(db, config, new Date());

  const bot = createBot(config, db, logger, { adminToken: token.hash, linkSecret });
  bot.outbox.start(config.OUTBOX_POLL_MS);
  bot.webhooks.start(config.OUTBOX_POLL_MS);
  const jobs = config.JOBS_ENABLED ? startJobs(bot.deps, config) : [];
  const platforms = bot.platforms.adapters.flatMap((adapter) => adapter.transports);
  const home = bot.platforms.adapters.find((adapter) => adapter.homePath)?.homePath ?? "";
  const handle = bot.app.callback();
  serve((request, response) => void handle(request, response));
  logger.info({ port: config.PORT, zone: config.TZ, platforms }, `议事助手已启动：http://localhost:${config.PORT}${home}`);
  // Long connections (no public address needed) open once the server answers, on the one instance that holds
  // their lease among those on this database; they reconnect on their own.
  const connections = holdConnectionsWhenElected(bot, { holder: INSTANCE_ID });
  // Read the models now, while nobody is waiting, rather than on the first resident's message.
  setImmediate(() => warmModels(bot.deps.settings.models));

  exitOnSignals({
    readiness: readinessOf(bot.app),
    stages: [
      // Long connections stop with the HTTP server: messages in hand are answered, then the socket closes.
      [httpServerStoppable(server), ...connections, ...jobs.map(cronTaskStoppable)],
      [
        { name: "outbox worker", stop: () => bot.outbox.stop() },
        { name: "webhook worker", stop: () => bot.webhooks.stop() },
      ],
      [{ name: "database", stop: () => db.close() }],
    ],
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    flushLogs: (withinMs) => stdoutLog.flush(withinMs),
  });
}

await main();
