/**
 * The data layer at a county's scale: seed a county (npm run seed:county) into DATABASE_URL, then
 *
 *   DATABASE_URL=file:/tmp/county.db npm run bench:county -- [--at 2026-11-23T02:00:00Z] [--only stats,todo,sla,digests]
 *
 * measures, one operation at a time: /api/stats for the county's month, a county department member's
 * 待办 through the message door, the SLA sweep, and each digest; for each the wall time and the longest
 * event-loop stall. Prints one JSON line last with the figures and the process's peak RSS.
 * The sweep and the digests write (chases, posts): measure on a fresh seed.
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
import { absoluteDatabaseUrl, openDatabase, tuneDatabase } from "../src/store/database.ts";

const { values } = parseArgs({
  options: { at: { type: "string", default: "2026-11-23T02:00:00Z" }, only: { type: "string", default: "stats,todo,sla,digests" } },
});
if (existsSync(".env")) process.loadEnvFile(".env");
const now = new Date(values.at);
const only = new Set(values.only.split(","));
const databaseUrl = absoluteDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/yishi.db");
const db = openDatabase(databaseUrl);
await tuneDatabase(db);
const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "bench-admin-token-0123456789", () => now);
const figures: Record<string, number | object> = {};

async function measure(name: string, work: () => Promise<unknown>) {
  const stalls = monitorEventLoopDelay({ resolution: 5 });
  stalls.enable();
  const started = performance.now();
  const result = await work();
  const ms = performance.now() - started;
  // Let the monitor's timer fire once more: a stall at the very end is recorded when it does.
  await new Promise((resolve) => setTimeout(resolve, 20));
  stalls.disable();
  const stallMs = stalls.max / 1e6;
  figures[`${name}_ms`] = Math.round(ms);
  figures[`${name}_max_stall_ms`] = Math.round(stallMs);
  console.error(
    `${name.padEnd(16)} ${ms.toFixed(0).padStart(7)} ms   longest event-loop stall ${stallMs.toFixed(0)} ms   ${JSON.stringify(result).slice(0, 100)}`,
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
figures.peak_rss_mb = Math.round(process.resourceUsage().maxRSS / 1024);
console.log(JSON.stringify(figures));
await db.close();
