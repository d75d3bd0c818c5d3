/**
 * Benchmark: signed, encrypted WeCom intelligent-robot callbacks over loopback into a running bot, on SQLite,
 * on PostgreSQL, or both, beside a bare Koa route that does nothing, in interleaved rounds of equal length.
 *
 *   npm run bench -- [--db sqlite|postgres|both] [--rounds 3] [--seconds 5] [--connections 8] [--postgres URL] [--json]
 *
 * Each server runs in its own child process for the whole run (the bot on a temporary SQLite file, or on a
 * scratch database of the PostgreSQL server `--postgres` or TEST_DATABASE_URL_BASE names, else a throwaway
 * cluster started for the run). After a one-second warm-up each, every round drives each server for the same
 * number of seconds, the order rotated from round to round, so a machine whose load changes (it is shared)
 * weighs on all of them alike; the figures printed are medians over the rounds, and the ratios are the
 * medians of each round's own ratio. A server's CPU time per request is its process's (PostgreSQL's own
 * work is in its server processes, not counted there).
 *
 * Then the burst, once per bot: 200 residents of one sandbox group report at once (200 concurrent requests),
 * each request timed alone (WeCom's callback deadline is 5 s). With --json, one JSON line is printed last.
 *
 * Every request is a distinct message (its own msgid), so each one is decrypted, understood, stored in a
 * transaction and answered with an encrypted reply.
 */
import { fork, type ChildProcess } from "node:child_process";
import { randomBytes } from "node:crypto";
import { once } from "node:events";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";
import { encrypt, getSignature } from "@wecom/crypto";
import autocannon from "autocannon";
import { BENCH_CHAT, BENCH_ROBOT, BURST_RESIDENTS } from "./bench-keys.ts";
import { startCluster, stopCluster, type PgCluster } from "./db/pgCluster.ts";

const { values } = parseArgs({
  options: {
    db: { type: "string", default: "sqlite" },
    rounds: { type: "string", default: "3" },
    seconds: { type: "string", default: "5" },
    connections: { type: "string", default: "8" },
    postgres: { type: "string" },
    json: { type: "boolean", default: false },
    // The earlier single-run form's: rounds are of equal time now.
    requests: { type: "string" },
  },
});
if (values.requests) console.error("--requests is no longer used: each round runs --seconds (default 5) on every server");
if (!["sqlite", "postgres", "both"].includes(values.db)) {
  console.error("usage: npm run bench -- [--db sqlite|postgres|both] [--rounds 3] [--seconds 5] [--connections 8] [--postgres URL] [--json]");
  process.exit(2);
}
const rounds = Number(values.rounds);
const seconds = Number(values.seconds);
const connections = Number(values.connections);
type Mode = "bare" | "sqlite" | "postgres";
const bots: Mode[] = values.db === "both" ? ["sqlite", "postgres"] : [values.db as Mode];

const PROBLEMS = ["楼道灯不亮了", "电梯坏了", "水管漏水", "门口垃圾没人清运", "楼上装修太吵", "有车乱停挡住消防通道", "充电桩坏了", "请问高龄补贴怎么办理"];

let sent = 0;
/** A fresh signed callback: each one a distinct message. */
function signedCallback() {
  const i = sent++;
  const timestamp = String(Math.floor(Date.now() / 1000));
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
}

interface Server {
  mode: Mode;
  child: ChildProcess;
  port: number;
}

async function startServer(mode: Mode, postgresBase: string | undefined): Promise<Server> {
  const child = fork(new URL("./bench-server.ts", import.meta.url).pathname, mode === "postgres" ? [mode, postgresBase!] : [mode === "bare" ? "bare" : mode], {
    execArgv: ["--import", "tsx"],
    stdio: ["ignore", "pipe", "inherit", "ipc"],
  });
  const lines = createInterface({ input: child.stdout! });
  const [line] = (await once(lines, "line")) as [string];
  return { mode, child, port: (JSON.parse(line) as { port: number }).port };
}

async function ask<T>(server: Server, message: "usage" | "report"): Promise<T> {
  const answer = once(server.child, "message");
  server.child.send(message);
  return ((await answer) as [T])[0];
}

interface Round {
  rps: number;
  p50: number;
  p99: number;
  cpuMsPerRequest: number;
  non2xx: number;
}

/** Drives one server for `duration` seconds with fresh callbacks. */
async function drive(server: Server, duration: number): Promise<Round> {
  const before = await ask<{ cpuMs: number }>(server, "usage");
  const started = performance.now();
  const result = await autocannon({
    url: `http://127.0.0.1:${server.port}`,
    connections,
    duration,
    requests: [
      {
        method: "POST",
        setupRequest: (request) => {
          const callback = signedCallback();
          return { ...request, path: callback.path, body: callback.body, headers: { "content-type": "application/json" } };
        },
      },
    ],
  });
  const wall = (performance.now() - started) / 1000;
  const after = await ask<{ cpuMs: number }>(server, "usage");
  const total = result.requests.total;
  return {
    rps: total / wall,
    p50: result.latency.p50,
    p99: result.latency.p99,
    cpuMsPerRequest: (after.cpuMs - before.cpuMs) / Math.max(total, 1),
    non2xx: result.non2xx + result.errors,
  };
}

const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
const median = (list: number[]) => {
  const sorted = [...list].sort((a, b) => a - b);
  const middle = sorted.length / 2;
  return Number.isInteger(middle) ? (sorted[middle - 1]! + sorted[middle]!) / 2 : sorted[Math.floor(middle)]!;
};

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

let cluster: PgCluster | undefined;
const postgresBase = bots.includes("postgres")
  ? (values.postgres ?? process.env.TEST_DATABASE_URL_BASE ?? (cluster = await startCluster()).urlBase).replace(/\/+$/, "")
  : undefined;
const servers: Server[] = [];
try {
  for (const mode of ["bare", ...bots] as Mode[]) servers.push(await startServer(mode, postgresBase));
  for (const server of servers) await drive(server, 1); // warm-up: code paths compiled, caches filled
  const measured = new Map<Mode, Round[]>(servers.map((server) => [server.mode, []]));
  for (let round = 0; round < rounds; round++) {
    const order = servers.map((_, i) => servers[(i + round) % servers.length]!);
    for (const server of order) {
      const figures = await drive(server, seconds);
      measured.get(server.mode)!.push(figures);
      console.error(
        `round ${round + 1} ${server.mode.padEnd(8)} ${figures.rps.toFixed(0).padStart(6)} req/s  p50 ${figures.p50} ms  p99 ${figures.p99} ms  ` +
          `CPU ${figures.cpuMsPerRequest.toFixed(2)} ms/req  non-2xx/errors ${figures.non2xx}`,
      );
    }
  }
  const bursts = new Map<Mode, Awaited<ReturnType<typeof burst>>>();
  for (const server of servers) if (server.mode !== "bare") bursts.set(server.mode, await burst(server.port));
  const rss = new Map<Mode, number>();
  for (const server of servers) rss.set(server.mode, (await ask<{ maxRssMb: number }>(server, "report")).maxRssMb);

  const bare = measured.get("bare")!;
  const label: Record<Mode, string> = {
    bare: "bare Koa route (does nothing)",
    sqlite: "bot on SQLite (decrypt, understand, store, reply)",
    postgres: "bot on PostgreSQL (the same)",
  };
  console.log(
    `node ${process.version}, signed+encrypted WeCom robot callbacks, ${connections} connections, loopback, ${rounds} interleaved rounds of ${seconds} s, medians`,
  );
  for (const server of servers) {
    const list = measured.get(server.mode)!;
    const ratio = server.mode === "bare" ? "" : `  bot/bare ${median(list.map((r, i) => r.rps / bare[i]!.rps)).toFixed(3)}`;
    console.log(
      label[server.mode].padEnd(52) +
        `${median(list.map((r) => r.rps))
          .toFixed(0)
          .padStart(6)} req/s  p50 ${median(list.map((r) => r.p50))} ms  p99 ${median(list.map((r) => r.p99))} ms  ` +
        `CPU ${median(list.map((r) => r.cpuMsPerRequest)).toFixed(2)} ms/req  peak RSS ${rss.get(server.mode)!.toFixed(0)} MB${ratio}`,
    );
  }
  const sqliteRounds = measured.get("sqlite");
  const postgresRounds = measured.get("postgres");
  const postgresCost = sqliteRounds && postgresRounds ? median(sqliteRounds.map((r, i) => r.rps / postgresRounds[i]!.rps)) : undefined;
  if (postgresCost !== undefined) console.log(`PostgreSQL's time per message / SQLite's (same rounds): ${postgresCost.toFixed(2)}  (goal: ≤ 2)`);
  for (const [mode, figures] of bursts) {
    console.log(
      `burst on ${mode}: ${BURST_RESIDENTS} residents report at once through the sandbox: p50 ${figures.p50.toFixed(0)} ms  p99 ${figures.p99.toFixed(0)} ms  failed ${figures.failed}`,
    );
  }
  if (values.json) {
    const round = (value: number, digits = 1) => Number(value.toFixed(digits));
    const json: Record<string, number> = { bare_rps: round(median(bare.map((r) => r.rps))) };
    for (const mode of bots) {
      const list = measured.get(mode)!;
      const burstFigures = bursts.get(mode)!;
      // With one database, the keys of the earlier single-run bench (bot_rps, ratio, …); with both, prefixed.
      const key = (name: string) => (bots.length === 1 ? name : `${mode}_${name}`);
      json[key("bot_rps")] = round(median(list.map((r) => r.rps)));
      json[key("ratio")] = round(median(list.map((r, i) => r.rps / bare[i]!.rps)), 4);
      json[key("p50_ms")] = median(list.map((r) => r.p50));
      json[key("p99_ms")] = median(list.map((r) => r.p99));
      json[key("cpu_ms_per_request")] = round(median(list.map((r) => r.cpuMsPerRequest)), 2);
      json[key("rss_mb")] = round(rss.get(mode)!);
      json[key("burst_p50_ms")] = round(burstFigures.p50);
      json[key("burst_p99_ms")] = round(burstFigures.p99);
      json[key("burst_failed")] = burstFigures.failed;
    }
    if (postgresCost !== undefined) json.postgres_cost_ratio = round(postgresCost, 2);
    console.log(JSON.stringify(json));
  }
  const failed =
    [...measured.entries()].some(([mode, list]) => mode !== "bare" && list.some((r) => r.non2xx > 0)) || [...bursts.values()].some((b) => b.failed > 0);
  if (failed) process.exitCode = 1;
} finally {
  for (const server of servers) if (server.child.exitCode === null) server.child.kill();
  if (cluster) stopCluster(cluster);
}
