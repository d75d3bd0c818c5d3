/**
 * The data layer at a county's scale: seed a county (npm run seed:county) into DATABASE_URL, then
 *
 *   DATABASE_URL=file:/tmp/county.db npm run bench:county -- [--at 2026-11-23T02:00:00Z] [--only stats,todo,sla,digests,export]
 *
 * measures, one operation at a time: /api/stats for the county's month, a county department member's
 * 待办 through the message door, the SLA sweep, and each digest; for each the wall time and the longest
 * event-loop stall (and on PostgreSQL the statements sent, each a round trip). `export` (not in the default
 * list; run it alone, in a fresh process) writes the county department's year as the console's .xlsx export
 * (or CSV: `--format csv`) to nowhere and samples the process's memory as it goes. Prints one JSON line last with the figures and
 * the process's peak RSS. The sweep and the digests write (chases, posts): measure on a fresh seed.
 */
import { existsSync } from "node:fs";
import { monitorEventLoopDelay } from "node:perf_hooks";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { handleIncomingMessage } from "../src/features/handleMessage.ts";
import { loadServiceScope } from "../src/features/context.ts";
import { unitStats } from "../src/features/stats/stats.ts";
import { runSlaSweep } from "../src/features/escalation/slaSweep.ts";
import { postDailyDigest, postMonthlyDigest, postWeeklyDigest } from "../src/features/stats/digests.ts";
import { parsePeriod } from "../src/domain/periods.ts";
import { createLogger } from "../src/logger.ts";
import { categoryName } from "../src/bot/taxonomy.ts";
import { boardQueryFor } from "../src/features/console/board.ts";
import { boardCsv, boardXlsx } from "../src/features/console/export.ts";
import { loadViewer } from "../src/features/console/viewer.ts";
import pg from "pg";
import { absoluteDatabaseUrl, openDatabase, tuneDatabase } from "../src/store/database.ts";

const { values } = parseArgs({
  options: {
    at: { type: "string", default: "2026-11-23T02:00:00Z" },
    only: { type: "string", default: "stats,todo,sla,digests" },
    format: { type: "string", default: "xlsx" },
  },
});
if (existsSync(".env")) process.loadEnvFile(".env");
const now = new Date(values.at);
const only = new Set(values.only.split(","));
const databaseUrl = absoluteDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/yishi.db");
const db = openDatabase(databaseUrl);
await tuneDatabase(db);
const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "bench-admin-token-0123456789", () => now);
const figures: Record<string, number | object> = {};

// Every statement PostgreSQL is sent (BEGIN and COMMIT included) is a round trip: counted per operation.
let statements = 0;
const sendQuery: unknown = Reflect.get(pg.Client.prototype, "query");
pg.Client.prototype.query = function (this: pg.Client, ...args: unknown[]) {
  statements++;
  return Reflect.apply(sendQuery as (...args: unknown[]) => unknown, this, args);
} as typeof pg.Client.prototype.query;

async function measure(name: string, work: () => Promise<unknown>) {
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  const statementsBefore = statements;
  const result = await work();
  if (db.dialect === "postgres") figures[`${name}_statements`] = statements - statementsBefore;
  const ms = performance.now() - started;
  // Let the monitor's timer fire once more: a stall at the very end is recorded when it does.
  await new Promise((resolve) => setTimeout(resolve, 20));
  stalls.disable();
  const stallMs = stalls.max / 1e6;
  figures[`${name}_ms`] = Math.round(ms);
  figures[`${name}_max_stall_ms`] = Math.round(stallMs);
  console.error(
    `${name.padEnd(16)} ${ms.toFixed(0).padStart(7)} ms   longest event-loop stall ${stallMs.toFixed(0)} ms   ${db.dialect === "postgres" ? `${statements - statementsBefore} statements   ` : ""}${JSON.stringify(result).slice(0, 100)}`,
  );
}

if (only.has("stats")) {
  await measure("county_stats", async () => {
    const scope = await loadServiceScope(db, bot.deps.settings, now);
    const report = await unitStats(db, scope, "lc-county", parsePeriod("本月", now, bot.deps.settings.zone)!);
    return { total: (report as unknown as { figures?: { total?: number } }).figures?.total ?? "ok" };
  });
}
if (only.has("todo")) {
  let n = 0;
  await measure("county_todo", async () => {
    const handled = await handleIncomingMessage(bot.deps, {
      platform: "sandbox",
      messageId: `bench-todo-${Date.now()}-${n++}`,
      chatId: "lc-g-county",
      userId: "lc-u-county-dept",
      text: "@议事助手 待办",
      knownMembersOnly: true,
    });
    return handled.replies[0]?.slice(0, 60);
  });
}
if (only.has("sla")) await measure("sla_sweep", () => runSlaSweep(bot.deps, now));
if (only.has("digests")) {
  await measure("digest_daily", () => postDailyDigest(bot.deps, now));
  await measure("digest_weekly", () => postWeeklyDigest(bot.deps, now));
  await measure("digest_monthly", () => postMonthlyDigest(bot.deps, now));
}
if (only.has("export")) {
  // The console's year export for the county's department member, read as fast as it is written and dropped.
  const viewer = await loadViewer(db, bot.deps.routing, "lc-u-county-dept", new Set());
  const yearFrom = new Date(now.getTime() - 365 * 86_400_000);
  const query = await boardQueryFor(db, viewer!, { from: yearFrom }, now);
  const nameOf = (id: string) => categoryName(bot.deps.settings.categories, id);
  const mb = (bytes: number) => Math.round(bytes / 1e5) / 10;
  const start = process.memoryUsage();
  const peak = { rss: 0, heapTotal: 0, heapUsed: 0, external: 0, arrayBuffers: 0 };
  const sample = () => {
    const usage = process.memoryUsage();
    for (const key of Object.keys(peak) as (keyof typeof peak)[]) peak[key] = Math.max(peak[key], usage[key] - start[key]);
  };
  const sampler = setInterval(sample, 20);
  let bytes = 0;
  const zone = bot.deps.settings.zone;
  const csv = values.format === "csv";
  await measure(`export_year_${csv ? "csv" : "xlsx"}`, async () => {
    for await (const chunk of csv ? boardCsv(db, viewer!, query!, nameOf, zone) : boardXlsx(db, viewer!, query!, nameOf, zone, "工单")) {
      bytes += Buffer.byteLength(chunk as Buffer | string);
      sample();
    }
    return { mb: mb(bytes) };
  });
  clearInterval(sampler);
  // Growth to the peak of each part of the process's memory: rss is all of it, heapTotal the JS heap V8
  // holds, external and arrayBuffers what Buffers hold outside it.
  figures.export_growth_mb = Object.fromEntries(Object.entries(peak).map(([key, value]) => [key, mb(value)]));
  console.error(`export growth to the peak (MB): ${JSON.stringify(figures.export_growth_mb)}`);
}
figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(figures));
await db.close();
