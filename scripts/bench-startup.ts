/**
 * Start-up to healthy: spawns the server on an existing (already migrated and seeded) database and times
 * how long until GET /healthz answers 200, then until /readyz does, then sends SIGTERM and times the exit.
 *
 *   npm run bench:startup                                  # node dist/main.js, 5 runs
 *   npm run bench:startup -- --runs 10 --command "npm start"
 *   npm run bench:startup -- --command "npx tsx src/main.ts"
 *
 * The first run creates and migrates the database and is not counted.
 */
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import path from "node:path";
import { parseArgs } from "node:util";

const { values } = parseArgs({
  options: {
    runs: { type: "string", default: "5" },
    command: { type: "string", default: "node dist/main.js" },
  },
});
const runs = Number(values.runs);
const command = values.command;

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => (typeof address === "object" && address ? resolve(address.port) : reject(new Error("no port"))));
    });
  });
}

/** The status /healthz or /readyz answers, 0 while nothing listens. */
async function statusOf(url: string): Promise<number> {
  try {
    const response = await fetch(url);
    await response.arrayBuffer();
    return response.status;
  } catch {
    return 0;
  }
}

const pause = () => new Promise((resolve) => setTimeout(resolve, 5));

/**
 * CPU time (user + system) the process has used so far, from /proc (Linux; 10 ms ticks). Unlike wall time
 * it hardly moves when other work shares the machine. Undefined elsewhere, and for `npm start`, whose
 * server is a child of the process measured.
 */
function cpuMsOf(pid: number): number | undefined {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
    return ((Number(fields[11]) + Number(fields[12])) * 1000) / 100;
  } catch {
    return undefined;
  }
}

interface Run {
  healthyMs: number;
  cpuMs: number | undefined;
  readyMs: number | undefined;
  exitMs: number;
  exitCode: string;
}

async function once(databaseUrl: string): Promise<Run> {
  const port = await freePort();
  const base = `http://127.0.0.1:${port}`;
  const started = performance.now();
  const [program, ...args] = command.split(/\s+/);
  const child = spawn(program!, args, {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: { ...process.env, PORT: String(port), HOST: "127.0.0.1", DATABASE_URL: databaseUrl, ADMIN_TOKEN: "bench-startup-token-0123456789", LOG_LEVEL: "warn" },
  });
  const exited = new Promise<string>((resolve) => child.once("exit", (code, signal) => resolve(code === null ? String(signal) : String(code))));
  let healthyMs: number | undefined;
  let cpuMs: number | undefined;
  while (healthyMs === undefined) {
    if (child.exitCode !== null || performance.now() - started > 60_000) {
      if (child.exitCode === null) process.kill(-child.pid!, "SIGKILL");
      throw new Error(`${command} did not answer /healthz (exit code ${child.exitCode})`);
    }
    if ((await statusOf(`${base}/healthz`)) === 200) {
      healthyMs = performance.now() - started;
      cpuMs = cpuMsOf(child.pid!);
    } else await pause();
  }
  let readyMs: number | undefined;
  for (let tries = 0; readyMs === undefined && tries < 2000; tries++) {
    const status = await statusOf(`${base}/readyz`);
    if (status === 200) readyMs = performance.now() - started;
    else if (status === 404)
      break; // a version without /readyz
    else await pause();
  }
  const stopping = performance.now();
  // To the whole process group, as a terminal's Ctrl-C or a container stop reaches `npm start` and the server.
  process.kill(-child.pid!, "SIGTERM");
  const exitCode = await exited;
  return { healthyMs, cpuMs, readyMs, exitMs: performance.now() - stopping, exitCode };
}

const dir = mkdtempSync(path.join(tmpdir(), "yishi-startup-"));
const databaseUrl = `file:${path.join(dir, "bench.db")}`;
try {
  await once(databaseUrl);
  const results: Run[] = [];
  for (let index = 0; index < runs; index++) results.push(await once(databaseUrl));
  const median = (numbers: number[]) => [...numbers].sort((a, b) => a - b)[Math.floor(numbers.length / 2)]!;
  const healthy = results.map((run) => run.healthyMs);
  const cpu = results.flatMap((run) => (run.cpuMs === undefined ? [] : [run.cpuMs]));
  const ready = results.flatMap((run) => (run.readyMs === undefined ? [] : [run.readyMs]));
  console.log(
    JSON.stringify({
      command,
      runs,
      healthyMs: { median: Math.round(median(healthy)), min: Math.round(Math.min(...healthy)), max: Math.round(Math.max(...healthy)) },
      ...(ready.length ? { readyMs: { median: Math.round(median(ready)) } } : {}),
      ...(cpu.length ? { cpuMsAtHealthy: { median: Math.round(median(cpu)) } } : {}),
      shutdownMs: { median: Math.round(median(results.map((run) => run.exitMs))) },
      exitCodes: [...new Set(results.map((run) => run.exitCode))],
    }),
  );
} finally {
  rmSync(dir, { recursive: true, force: true });
}
