/**
 * Dropped messages beside jobs: a bot on a temporary SQLite file takes 60 resident reports through the
 * sandbox while `npm run job` runs beside it — `sla` as of two days later and two `digest-daily` at once,
 * each in its own process writing the same file (`--local`, the worst case: no server to hand them to).
 *
 *   npm run bench:drops [-- --reports 60]
 *
 * Prints one JSON line last: {"reports", "stored", "non_2xx", "p50_ms", "p99_ms", "jobs_ok"}.
 */
import { execFile } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { promisify } from "node:util";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { openDatabase, tuneDatabase } from "../src/store/database.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const run = promisify(execFile);
const { values } = parseArgs({ options: { reports: { type: "string", default: "60" } } });
const reports = Number(values.reports);
const dir = mkdtempSync(path.join(tmpdir(), "yishi-drops-"));
const url = `file:${path.join(dir, "drops.db")}`;
await applyMigrations(url);
const db = openDatabase(url);
await tuneDatabase(db);
await seedDemo(db);
const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "drops-admin-token-0123456789");
const server = await new Promise<ReturnType<typeof bot.app.listen>>((resolve) => {
  const listening = bot.app.listen(0, "127.0.0.1", () => resolve(listening));
});
const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
const PROBLEMS = ["楼道灯不亮了", "电梯坏了", "水管漏水", "门口垃圾没人清运", "楼上装修太吵", "有车乱停挡住消防通道"];

// Something for the sweep to chase and the digests to list.
for (let i = 0; i < 20; i++) {
  await fetch(`${base}/sandbox/groups/g-lijing/messages`, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify({ userId: "u-zhao", text: `@议事助手 ${i + 1}号楼${PROBLEMS[i % PROBLEMS.length]}` }),
  });
}
const later = new Date(Date.now() + 2 * 86_400_000).toISOString();
const job = (...args: string[]) =>
  run(process.execPath, ["--import", "tsx", "scripts/job.ts", ...args, "--local"], {
    env: { ...process.env, DATABASE_URL: url, LOG_LEVEL: "silent", DEMO_SEED: "false" },
  }).then(
    () => true,
    () => false,
  );
const jobs = Promise.all([job("sla", "--at", later), job("digest-daily", "--at", later), job("digest-daily", "--at", later)]);
const timings: { ms: number; status: number }[] = [];
await new Promise((resolve) => setTimeout(resolve, 1500)); // the jobs' processes start up
await Promise.all(
  Array.from({ length: reports }, async (_, i) => {
    await new Promise((resolve) => setTimeout(resolve, i * 40));
    const started = performance.now();
    const response = await fetch(`${base}/sandbox/groups/g-yangguang/messages`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        userId: "u-zhang",
        text: `@议事助手 ${(i % 30) + 1}号楼${(i % 6) + 1}单元${PROBLEMS[i % PROBLEMS.length]}`,
        messageId: `drops-${i}`,
      }),
    }).catch(() => null);
    await response?.arrayBuffer();
    timings.push({ ms: performance.now() - started, status: response?.status ?? 0 });
  }),
);
const jobsOk = (await jobs).every(Boolean);
const { stored } = await db.query
  .selectFrom("InboundMessage")
  .select((eb) => eb.fn.countAll<number>().as("stored"))
  .where("messageId", "like", "drops-%")
  .executeTakeFirstOrThrow();
const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
const pct = (p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!);
const non2xx = timings.filter((t) => t.status !== 200).length;
console.log(
  `${reports} reports beside sla + 2× digest-daily (--local): stored ${stored}, non-2xx ${non2xx}, p50 ${pct(50)} ms, p99 ${pct(99)} ms, jobs ok ${jobsOk}`,
);
console.log(JSON.stringify({ reports, stored, non_2xx: non2xx, p50_ms: pct(50), p99_ms: pct(99), jobs_ok: jobsOk }));
server.close();
await db.close();
rmSync(dir, { recursive: true, force: true });
if (stored !== reports || non2xx > 0) process.exitCode = 1;
