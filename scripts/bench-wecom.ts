/**
 * Benchmark: signed, encrypted WeCom intelligent-robot callbacks over loopback into a running bot on
 * SQLite, side by side with a bare Koa route that does nothing, in the same run.
 *
 *   npm run bench -- [--requests 3000] [--connections 8] [--json]
 *
 * Then the burst: 200 residents of one sandbox group report at once (200 concurrent requests), each
 * request timed alone (WeCom's callback deadline is 5 s). With --json, one JSON line is printed last:
 * {"bot_rps", "bare_rps", "ratio", "p50_ms", "p99_ms", "rss_mb", "burst_p50_ms", "burst_p99_ms", "burst_failed"}.
 *
 * Every request is a distinct message (its own msgid), so each one is decrypted, understood, stored in a
 * transaction and answered with an encrypted reply. The servers run in child processes; peak RSS is the
 * server's own.
 */
import { fork } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { encrypt, getSignature } from "@wecom/crypto";
import autocannon from "autocannon";
import { BENCH_CHAT, BENCH_ROBOT, BURST_RESIDENTS } from "./bench-keys.ts";

const { values } = parseArgs({
  options: { requests: { type: "string", default: "3000" }, connections: { type: "string", default: "8" }, json: { type: "boolean", default: false } },
});
const amount = Number(values.requests);
const connections = Number(values.connections);

const PROBLEMS = ["楼道灯不亮了", "电梯坏了", "水管漏水", "门口垃圾没人清运", "楼上装修太吵", "有车乱停挡住消防通道", "充电桩坏了", "请问高龄补贴怎么办理"];

function signedCallbacks(count: number) {
  const timestamp = String(Math.floor(Date.now() / 1000));
  return Array.from({ length: count }, (_, i) => {
    const plaintext = JSON.stringify({
      msgid: `bench-${i}-${randomBytes(4).toString("hex")}`,
      aibotid: "BENCHBOT",
      chatid: BENCH_CHAT,
      chattype: "group",
      from: { userid: `resident${i % 50}` },
      msgtype: "text",
      text: { content: `@议事助手 ${(i % 300) + 1}号楼${(i % 6) + 1}单元${PROBLEMS[i % PROBLEMS.length]}` },
    });
    const ciphertext = encrypt(BENCH_ROBOT.encodingAESKey, plaintext, "");
    const nonce = String(100000 + i);
    return {
      path: `/wecom/bot?msg_signature=${getSignature(BENCH_ROBOT.token, timestamp, nonce, ciphertext)}&timestamp=${timestamp}&nonce=${nonce}`,
      body: JSON.stringify({ encrypt: ciphertext }),
    };
  });
}

async function startServer(mode: "bot" | "bare") {
  const child = fork(new URL("./bench-server.ts", import.meta.url).pathname, [mode], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, "line")) as [string];
  return { child, port: (JSON.parse(line) as { port: number }).port };
}

async function measure(mode: "bot" | "bare", callbacks: ReturnType<typeof signedCallbacks>, requests: number) {
  const { child, port } = await startServer(mode);
  let next = 0;
  const started = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${port}`,
    connections,
    amount: requests,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const callback = callbacks[next++ % callbacks.length]!;
          return { ...request, path: callback.path, body: callback.body, headers: { "content-type": "application/json" } };
        },
      },
    ],
  });
  const seconds = (performance.now() - started) / 1000;
  const burstResult = mode === "bot" ? await burst(port) : null;
  child.send("report");
  const [{ maxRssMb }] = (await once(child, "message")) as [{ maxRssMb: number }];
  const non2xx = result.non2xx + result.errors;
  // Completed requests over the run's own wall time (autocannon's duration is rounded for short runs).
  return {
    mode,
    rps: result.requests.total / seconds,
    p50: result.latency.p50,
    p99: result.latency.p99,
    maxRssMb,
    non2xx,
    total: result.requests.total,
    burst: burstResult,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;

/** 200 residents report at once through the sandbox; each request's own latency, and how many failed. */
async function burst(port: number) {
  const timings = await Promise.all(
    Array.from({ length: BURST_RESIDENTS }, async (_, i) => {
      const started = performance.now();
      const response = await fetch(`http://127.0.0.1:${port}/sandbox/groups/g-yangguang/messages`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ userId: `burst-${i}`, text: `@议事助手 ${(i % 40) + 1}号楼${(i % 6) + 1}单元${PROBLEMS[i % PROBLEMS.length]}` }),
      }).catch(() => null);
      await response?.arrayBuffer();
      return { ms: performance.now() - started, ok: response?.status === 200 };
    }),
  );
  const sorted = timings.map((t) => t.ms).sort((a, b) => a - b);
  return { p50: percentile(sorted, 50), p99: percentile(sorted, 99), failed: timings.filter((t) => !t.ok).length };
}

const callbacks = signedCallbacks(amount);
// The bare route is so fast that it gets five times the requests, for a run long enough to measure.
const bare = await measure("bare", callbacks, amount * 5);
const bot = await measure("bot", callbacks, amount);
console.log(`node ${process.version}, ${amount} signed+encrypted WeCom robot callbacks, ${connections} connections, loopback`);
for (const row of [bare, bot]) {
  console.log(
    `${row.mode === "bot" ? "bot (decrypt, understand, SQLite, encrypted reply)" : "bare Koa route (does nothing)"}`.padEnd(52) +
      `${row.rps.toFixed(0).padStart(6)} req/s  p50 ${row.p50} ms  p99 ${row.p99} ms  peak RSS ${row.maxRssMb.toFixed(0)} MB  non-2xx/errors ${row.non2xx}`,
  );
}
console.log(`bot / bare throughput: ${(bot.rps / bare.rps).toFixed(3)}  (p50 latency ×${(bot.p50 / Math.max(bare.p50, 0.5)).toFixed(1)})`);
const burstFigures = bot.burst!;
console.log(
  `burst: ${BURST_RESIDENTS} residents report at once through the sandbox: p50 ${burstFigures.p50.toFixed(0)} ms  p99 ${burstFigures.p99.toFixed(0)} ms  failed ${burstFigures.failed}`,
);
if (values.json) {
  const round = (value: number, digits = 1) => Number(value.toFixed(digits));
  console.log(
    JSON.stringify({
      bot_rps: round(bot.rps),
      bare_rps: round(bare.rps),
      ratio: round(bot.rps / bare.rps, 4),
      p50_ms: bot.p50,
      p99_ms: bot.p99,
      rss_mb: round(bot.maxRssMb),
      burst_p50_ms: round(burstFigures.p50),
      burst_p99_ms: round(burstFigures.p99),
      burst_failed: burstFigures.failed,
    }),
  );
}
if (bot.non2xx > 0 || burstFigures.failed > 0) process.exitCode = 1;
