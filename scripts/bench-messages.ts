/**
 * Benchmark: sandbox messages through the whole stack (HTTP → understanding → SQLite transaction → reply)
 * over loopback, on a fresh temporary database. Reports throughput, p50/p99 latency and peak RSS.
 *
 *   npm run bench:messages -- [--requests 2000] [--concurrency 8]
 *
 * The load generator runs in the same process as the bot, so peak RSS includes it (a few MB).
 */
import { mkdtempSync, rmSync } from "node:fs";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";
import { createBot } from "../src/app.ts";
import { loadConfig } from "../src/config.ts";
import { createLogger } from "../src/logger.ts";
import { openDatabase, tuneDatabase } from "../src/store/database.ts";
import { seedDemo } from "../src/platforms/sandbox/demoSeed.ts";
import { applyMigrations } from "../src/store/migrate.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "2000" }, concurrency: { type: "string", default: "8" } },
});
const requests = Number(values.requests);
const concurrency = Number(values.concurrency);

const PROBLEMS = ["楼道灯不亮了", "电梯坏了", "水管漏水", "门口垃圾没人清运", "楼上装修太吵", "有车乱停挡住消防通道", "充电桩坏了", "请问高龄补贴怎么办理"];
const RESIDENTS = ["u-zhang", "u-liu", "u-chen"];

function percentile(sorted: number[], p: number): number {
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

async function run(label: string, baseUrl: string, count: number, body: (i: number) => { userId: string; text: string }) {
  const latencies: number[] = [];
  let next = 0;
  let failures = 0;
  const started = performance.now();
  await Promise.all(
    Array.from({ length: concurrency }, async () => {
      while (next < count) {
        const i = next++;
        const t0 = performance.now();
        const response = await fetch(`${baseUrl}/sandbox/groups/g-yangguang/messages`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body(i)),
        });
        await response.arrayBuffer();
        if (response.status !== 200) failures++;
        latencies.push(performance.now() - t0);
      }
    }),
  );
  const seconds = (performance.now() - started) / 1000;
  latencies.sort((a, b) => a - b);
  console.log(
    `${label.padEnd(28)} ${String(count).padStart(6)} req  ${(count / seconds).toFixed(0).padStart(6)} req/s  ` +
      `p50 ${percentile(latencies, 50).toFixed(1)} ms  p99 ${percentile(latencies, 99).toFixed(1)} ms  failures ${failures}`,
  );
}

const dir = mkdtempSync(path.join(tmpdir(), "yishi-bench-"));
const url = `file:${path.join(dir, "bench.db")}`;
try {
  await applyMigrations(url);
  const db = openDatabase(url);
  await tuneDatabase(db);
  await seedDemo(db);
  const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "bench-admin-token-0123456789");
  const server = bot.app.listen(0, "127.0.0.1");
  await new Promise((resolve) => server.once("listening", resolve));
  const baseUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;

  console.log(`node ${process.version}, ${requests} requests per scenario, concurrency ${concurrency}`);
  await run("reports (new tickets)", baseUrl, requests, (i) => ({
    userId: RESIDENTS[i % RESIDENTS.length]!,
    text: `@议事助手 ${(i % 400) + 1}号楼${(i % 6) + 1}单元${PROBLEMS[i % PROBLEMS.length]}`,
  }));
  await run("progress queries", baseUrl, requests, (i) => ({ userId: "u-li", text: `进度 ${(i % 100) + 1}` }));
  await run("ignored chatter", baseUrl, requests, () => ({ userId: "u-zhang", text: "大家好，今天天气不错" }));
  console.log(
    `tickets stored: ${
      (
        await db.query
          .selectFrom("Ticket")
          .select((eb) => eb.fn.countAll<number>().as("count"))
          .executeTakeFirstOrThrow()
      ).count
    }, peak RSS ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB`,
  );
  server.close();
  await db.close();
} finally {
  rmSync(dir, { recursive: true, force: true });
}
