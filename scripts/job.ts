/**
 * Runs one job once, as of an instant (default: now), against the configured database, in this process:
 *
 *   npm run job -- sla --at 2026-11-25T10:00:00+08:00
 *   npm run job -- digest-daily
 *   npm run job -- sla --at … --force-instant   (an instant more than a day ahead, or before the first data)
 *
 * The run takes the job's lock in the database (store/jobRuns.ts), the same lock every instance's scheduled
 * runs take: while a run of the job is under way anywhere it waits, and a scheduled tick meanwhile waits for
 * it. It is recorded in JobRun (manual, who, started, finished, result). Its writes wait their turn like any
 * other, and every job records what it did, so two runs post once. Posts go to the outbox; a running server
 * delivers them (sandbox posts are delivered by being stored).
 */
import { randomBytes } from "node:crypto";
import { existsSync } from "node:fs";
import { createBot } from "../src/app.ts";
import { ConfigError, loadConfig } from "../src/config.ts";
import { readJobCommand } from "../src/jobs/cli.ts";
import { refuseJobInstant } from "../src/jobs/instant.ts";
import { runJob } from "../src/jobs/runner.ts";
import { attachmentLinkSecret } from "../src/http/adminToken.ts";
import { adminTokenHash } from "../src/http/auth.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, openDatabase, tuneDatabase } from "../src/store/database.ts";
import { isPostgresUrl } from "../src/store/postgresConfig.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const command = readJobCommand(process.argv.slice(2), new Date());
if (!command.ok) {
  console.error(command.message);
  process.exit(2);
}
const { name, at, named, force } = command;
if (existsSync(".env")) process.loadEnvFile(".env");

try {
  const config = loadConfig();
  const databaseUrl = isPostgresUrl(config.DATABASE_URL) ? config.DATABASE_URL : absoluteDatabaseUrl(config.DATABASE_URL);
  await applyMigrations(databaseUrl);
  const db = openDatabase(databaseUrl);
  await tuneDatabase(db);
  const refusal = named ? await refuseJobInstant(db, at, new Date(), force) : null;
  if (refusal) {
    await db.close();
    console.error(refusal);
    process.exit(2);
  }
  // The job's posts may carry photo links: signed with the key every instance uses. This process serves no API.
  const secrets = { adminToken: adminTokenHash(randomBytes(32).toString("hex")), linkSecret: await attachmentLinkSecret(db, config, new Date()) };
  const bot = createBot(config, db, createLogger(config.LOG_LEVEL), secrets, () => at);
  const result = await runJob(bot.deps, name, at);
  console.log(JSON.stringify({ job: name, at: at.toISOString(), result }));
  await db.close();
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
