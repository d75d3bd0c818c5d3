/**
 * Runs one job once, as of an instant (default: now), against the configured database:
 *
 *   npm run job -- sla --at 2026-11-25T10:00:00+08:00
 *   npm run job -- digest-daily
 *   npm run job -- sla --local        (never hand it to a running server)
 *   npm run job -- sla --at … --force-instant   (an instant more than a day ahead, or before the first data)
 *
 * When a server is running on the same database (it announces itself in `<database>.server.json`), the
 * job is handed to it (POST /api/jobs/<name> with the admin token) and runs in its process, one run of a
 * job at a time; otherwise it runs here. Either way its writes take the write lock up front and wait
 * their turn, and every job records what it did, so two runs at once post once.
 * Posts go to the outbox; a running server delivers them (sandbox posts are delivered by being stored).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { createBot } from "../src/app.ts";
import { ConfigError, loadConfig, type Config } from "../src/config.ts";
import { readJobCommand } from "../src/jobs/cli.ts";
import { refuseJobInstant } from "../src/jobs/instant.ts";
import type { JobName } from "../src/jobs/registry.ts";
import { runJob } from "../src/jobs/runner.ts";
import { findRunningServer } from "../src/jobs/serverFile.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, dataDirectory, openDatabase, tuneDatabase } from "../src/store/database.ts";
import { isPostgresUrl } from "../src/store/postgresConfig.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const command = readJobCommand(process.argv.slice(2), new Date());
if (!command.ok) {
  console.error(command.message);
  process.exit(2);
}
const { name, at, named, force } = command;
if (existsSync(".env")) process.loadEnvFile(".env");

/** The admin token: ADMIN_TOKEN, or the one-off token a server without one wrote beside the database. */
function adminToken(config: Config, databaseUrl: string): string | null {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  try {
    return readFileSync(path.join(dataDirectory(databaseUrl), "admin-token"), "utf8").trim();
  } catch {
    return null;
  }
}

/** The server refused the instant (or the request): said as the CLI says it, exit code 2. */
class InstantRefused extends Error {}

/** Hands the job to the running server; null when no server answered (it is not up after all). */
async function runOnServer(url: string, token: string, job: JobName): Promise<object | null> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/jobs/${job}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ at: at.toISOString(), ...(force ? { force } : {}) }),
      signal: AbortSignal.timeout(30 * 60_000),
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") return null;
    throw error;
  }
  const body = (await response.json()) as { result?: object; error?: { message: string } };
  if (response.status === 400) throw new InstantRefused(body.error?.message ?? "");
  if (!response.ok) throw new Error(`服务器拒绝运行任务（HTTP ${response.status}）：${body.error?.message ?? ""}`);
  return body.result ?? {};
}

try {
  const config = loadConfig();
  const databaseUrl = isPostgresUrl(config.DATABASE_URL) ? config.DATABASE_URL : absoluteDatabaseUrl(config.DATABASE_URL);
  const server = command.local ? null : findRunningServer(databaseUrl);
  const token = server && adminToken(config, databaseUrl);
  if (server && !token) throw new Error("服务器正在运行，但找不到管理令牌（ADMIN_TOKEN）；设置后重试，或加 --local 在本进程运行");
  const remote = server && token ? await runOnServer(server.url, token, name) : null;
  if (remote) {
    console.error(`任务已交给运行中的服务器（${server!.url}）执行`);
    console.log(JSON.stringify({ job: name, at: at.toISOString(), result: remote }));
  } else {
    await applyMigrations(databaseUrl);
    const db = openDatabase(databaseUrl);
    await tuneDatabase(db);
    const refusal = named ? await refuseJobInstant(db, at, new Date(), force) : null;
    if (refusal) {
      await db.close();
      throw new InstantRefused(refusal);
    }
    const bot = createBot(config, db, createLogger(config.LOG_LEVEL), config.ADMIN_TOKEN ?? "job-runner-has-no-api", () => at);
    const result = await runJob(bot.deps, name, at);
    console.log(JSON.stringify({ job: name, at: at.toISOString(), result }));
    await db.close();
  }
} catch (error) {
  if (error instanceof InstantRefused) {
    console.error(error.message);
    process.exit(2);
  }
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
