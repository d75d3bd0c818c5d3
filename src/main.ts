import { randomBytes } from "node:crypto";
import { existsSync, writeFileSync } from "node:fs";
import type { AddressInfo } from "node:net";
import path from "node:path";
import { createBot, holdConnectionsWhenElected } from "./app.ts";
import { INSTANCE_ID } from "./cluster/instance.ts";
import { startJobs } from "./jobs/scheduler.ts";
import { advertiseServer, localUrl } from "./jobs/serverFile.ts";
import { ConfigError, loadConfig } from "./config.ts";
import { createLogger } from "./logger.ts";
import { absoluteDatabaseUrl, dataDirectory, openDatabase, tuneDatabase } from "./store/database.ts";
import { isPostgresUrl } from "./store/postgresConfig.ts";
import { PLATFORMS } from "./platforms/index.ts";
import { applyMigrations } from "./store/migrate.ts";
import { invalidateDirectoryOf } from "./store/directory.ts";
import { listenForOrgChanges } from "./store/orgNotifications.ts";
import { readinessOf } from "./http/health.ts";
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
  // PostgreSQL: another instance's change to the organisation empties this one's directory at once.
  const orgListener = isPostgresUrl(databaseUrl) ? listenForOrgChanges(databaseUrl, () => invalidateDirectoryOf(db), logger) : undefined;
  if (config.DEMO_SEED) for (const platform of PLATFORMS) await platform.seedDemo?.(db);

  let adminToken = config.ADMIN_TOKEN;
  if (!adminToken) {
    // A secret never goes to the log: the one-off token is written beside the database, readable by its owner only.
    adminToken = randomBytes(18).toString("base64url");
    const tokenFile = path.join(dataDirectory(databaseUrl), "admin-token");
    writeFileSync(tokenFile, `${adminToken}\n`, { mode: 0o600 });
    logger.warn({ tokenFile }, "ADMIN_TOKEN is not set; a one-off token for this run is in the token file (set ADMIN_TOKEN in .env to keep one)");
  }

  const bot = createBot(config, db, logger, adminToken);
  bot.outbox.start(config.OUTBOX_POLL_MS);
  const jobs = config.JOBS_ENABLED ? startJobs(bot.deps, config) : [];
  const platforms = bot.platforms.adapters.flatMap((adapter) => adapter.transports);
  const home = bot.platforms.adapters.find((adapter) => adapter.homePath)?.homePath ?? "";
  const handle = bot.app.callback();
  serve((request, response) => void handle(request, response));
  // `npm run job` against this database hands its job to this process instead of writing beside it.
  const unadvertise = advertiseServer(databaseUrl, localUrl(config.HOST, (server.address() as AddressInfo).port));
  logger.info({ port: config.PORT, zone: config.TZ, platforms }, `议事助手已启动：http://localhost:${config.PORT}${home}`);
  // Long connections (no public address needed) open once the server answers, on the one instance that holds
  // their lease among those on this database; they reconnect on their own.
  const connections = holdConnectionsWhenElected(bot, { holder: INSTANCE_ID });
  // Read the models now, while nobody is waiting, rather than on the first resident's message.
  setImmediate(() => warmModels(bot.deps.settings.models));

  exitOnSignals({
    readiness: readinessOf(bot.app),
    stages: [
      // The server file goes first: a job run from the CLI meanwhile runs itself instead of calling a closing server.
      // Long connections stop with the HTTP server: messages in hand are answered, then the socket closes.
      [{ name: "server file", stop: () => Promise.resolve(unadvertise()) }, httpServerStoppable(server), ...connections, ...jobs.map(cronTaskStoppable)],
      [{ name: "outbox worker", stop: () => bot.outbox.stop() }],
      [
        {
          name: "database",
          stop: async () => {
            await orgListener?.stop();
            await db.close();
          },
        },
      ],
    ],
    timeoutMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    flushLogs: (withinMs) => stdoutLog.flush(withinMs),
  });
}

await main();
