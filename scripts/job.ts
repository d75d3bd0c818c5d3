/**
 * Runs one job once, as of an instant (default: now), against the configured database:
 *
 *   npm run job -- sla --at 2026-11-25T10:00:00+08:00
 *   npm run job -- digest-daily
 *
 * Posts go to the outbox; a running server delivers them (sandbox posts are delivered by being stored).
 */
import { existsSync } from "node:fs";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { isJobName, JOBS } from "../src/jobs/registry.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, openDatabase, tuneDatabase } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: "string" } } });
const name = positionals[0] ?? "";
if (!isJobName(name)) {
  console.error(`用法：npm run job -- <${Object.keys(JOBS).join("|")}> [--at <ISO 时间>]`);
  process.exit(2);
}
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at 不是有效的 ISO 时间：${values.at}`);
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");
try {
  const config = loadConfig();
  const databaseUrl = absoluteDatabaseUrl(config.DATABASE_URL);
  await applyMigrations(databaseUrl);
  const db = openDatabase(databaseUrl);
  await tuneDatabase(db);
  const bot = createBot(config, db, createLogger(config.LOG_LEVEL), config.ADMIN_TOKEN ?? "job-runner-has-no-api", () => at);
  const result = await JOBS[name].run(bot.deps, at);
  console.log(JSON.stringify({ job: name, at: at.toISOString(), result }));
  await db.$disconnect();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
