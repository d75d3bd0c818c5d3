/**
 * Runs one job once, as of an instant (default: now), against the configured database:
 *
 *   npm run job -- sla --at 2026-11-25T10:00:00+08:00
 *   npm run job -- digest-daily
 *   npm run job -- sla --local        (never hand it to a running server)
 *
 * When a server is running on the same database (it announces itself in `<database>.server.json`), the
 * job is handed to it (POST /api/jobs/<name> with the admin token) and runs in its process, one run of a
 * job at a time; otherwise it runs here. Either way its writes take the write lock up front and wait
 * their turn, and every job records what it did, so two runs at once post once.
 * Posts go to the outbox; a running server delivers them (sandbox posts are delivered by being stored).
 */
import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { ConfigError, loadConfig, type Config } from "../src/config.ts";
import { isJobName, JOBS, type JobName } from "../src/jobs/registry.ts";
import { runJob } from "../src/jobs/runner.ts";
import { findRunningServer } from "../src/jobs/serverFile.ts";
import { createLogger } from "../src/logger.ts";
import { absoluteDatabaseUrl, openDatabase, sqliteFilePath, tuneDatabase } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const { positionals, values } = parseArgs({ allowPositionals: true, options: { at: { type: "string" }, local: { type: "boolean" } } });
const name = positionals[0] ?? "";
if (!isJobName(name)) {
  console.error(`用法：npm run job -- <${Object.keys(JOBS).join("|")}> [--at <ISO 时间>] [--local]`);
  process.exit(2);
}
const at = values.at ? new Date(values.at) : new Date();
if (Number.isNaN(at.getTime())) {
  console.error(`--at 不是有效的 ISO 时间：${values.at}`);
  process.exit(2);
}
if (existsSync(".env")) process.loadEnvFile(".env");

/** The admin token: ADMIN_TOKEN, or the one-off token a server without one wrote beside the database. */
function adminToken(config: Config, databaseUrl: string): string | null {
  if (config.ADMIN_TOKEN) return config.ADMIN_TOKEN;
  try {
    return readFileSync(path.join(path.dirname(sqliteFilePath(databaseUrl)), "admin-token"), "utf8").trim();
  } catch {
    return null;
  }
}

/** Hands the job to the running server; null when no server answered (it is not up after all). */
async function runOnServer(url: string, token: string, job: JobName): Promise<object | null> {
  let response: Response;
  try {
    response = await fetch(`${url}/api/jobs/${job}`, {
      method: "POST",
      headers: { authorization: `Bearer ${token}`, "content-type": "application/json" },
      body: JSON.stringify({ at: at.toISOString() }),
      signal: AbortSignal.timeout(30 * 60_000),
    });
  } catch (error) {
    if ((error as { cause?: { code?: string } }).cause?.code === "ECONNREFUSED") return null;
    throw error;
  }
  const body = (await response.json()) as { result?: object; error?: { message: string } };
  if (!response.ok) throw new Error(`服务器拒绝运行任务（HTTP ${response.status}）：${body.error?.message ?? ""}`);
  return body.result ?? {};
}

try {
  const config = loadConfig();
  const databaseUrl = absoluteDatabaseUrl(config.DATABASE_URL);
  const server = values.local ? null : findRunningServer(databaseUrl);
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
    const bot = createBot(config, db, createLogger(config.LOG_LEVEL), config.ADMIN_TOKEN ?? "job-runner-has-no-api", () => at);
    const result = await runJob(bot.deps, name, at);
    console.log(JSON.stringify({ job: name, at: at.toISOString(), result }));
    await db.$disconnect();
  }
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
}
