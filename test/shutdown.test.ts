import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { Writable } from "node:stream";
import { schedule, type ScheduledTask } from "node-cron";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { Readiness, readinessOf } from "../src/http/health.ts";
import { createLogger } from "../src/logger.ts";
import { cronTaskStoppable, drain, exitOnSignals, httpServerStoppable, type ShutdownPlan } from "../src/shutdown.ts";
import { startTestBot, type TestBot } from "./helpers/testBot.ts";

/** A promise the test settles by hand. */
function gate() {
  let open!: () => void;
  const opened = new Promise<void>((resolve) => (open = resolve));
  return { open, opened };
}

function capturedLogger() {
  const lines: Record<string, unknown>[] = [];
  const sink = new Writable({
    write(chunk, _encoding, done) {
      lines.push(JSON.parse(String(chunk)) as Record<string, unknown>);
      done();
    },
  });
  return { logger: createLogger("info", sink), lines };
}

const tasks: ScheduledTask[] = [];
afterEach(async () => {
  for (const task of tasks.splice(0)) await task.destroy();
});

/** A job on an every-second schedule that, once started (the fake clock moved to its first tick), runs until `release` opens. */
async function jobInFlight(name: string) {
  const started = gate();
  const release = gate();
  const events: string[] = [];
  const task = schedule(
    "* * * * * *",
    async () => {
      events.push(`${name} started`);
      started.open();
      await release.opened;
      events.push(`${name} finished`);
    },
    { name, noOverlap: true },
  );
  tasks.push(task);
  await vi.advanceTimersByTimeAsync(1_000);
  await started.opened;
  return { task, release, events };
}

/** Lets every callback already queued run (promises, I/O, immediates), without moving the clock. */
const settleQueuedWork = async () => {
  for (let turn = 0; turn < 5; turn++) await new Promise((resolve) => setImmediate(resolve));
};

/** node-cron, the drain's deadline and the stages' own waits run on a fake clock: nothing here waits for real time. */
const useFakeClock = () => {
  beforeEach(() => void vi.useFakeTimers({ toFake: ["setTimeout", "clearTimeout", "setInterval", "clearInterval", "Date"] }));
  afterEach(() => void vi.useRealTimers());
};

describe("shutdown", () => {
  useFakeClock();

  it("waits for a job in flight, then stops the outbox worker, then closes the database, and reports success", async () => {
    const { task, release, events } = await jobInFlight("sla");
    const { logger } = capturedLogger();
    const readiness = new Readiness();
    let settled = false;
    const result = drain({
      readiness,
      stages: [
        [cronTaskStoppable(task)],
        [{ name: "outbox worker", stop: () => Promise.resolve(void events.push("outbox stopped")) }],
        [{ name: "database", stop: () => Promise.resolve(void events.push("database closed")) }],
      ],
      timeoutMs: 5_000,
      logger,
    }).finally(() => (settled = true));

    await settleQueuedWork();
    await vi.advanceTimersByTimeAsync(4_000);
    expect(readiness.draining).toBe(true);
    expect(settled).toBe(false);
    expect(events).toEqual(["sla started"]);

    release.open();
    expect(await result).toMatchObject({ ok: true });
    expect(events).toEqual(["sla started", "sla finished", "outbox stopped", "database closed"]);
  });

  it("reports what was still running or not yet stopped when the timeout passes first, and leaves the database open", async () => {
    const { task, release, events } = await jobInFlight("digest-daily");
    const { logger } = capturedLogger();
    let settled = false;
    const result = drain({
      readiness: new Readiness(),
      stages: [
        [cronTaskStoppable(task), { name: "http requests", stop: () => Promise.resolve() }],
        [{ name: "outbox worker", stop: () => Promise.resolve(void events.push("outbox stopped")) }],
        [{ name: "database", stop: () => Promise.resolve(void events.push("database closed")) }],
      ],
      timeoutMs: 200,
      logger,
    }).finally(() => (settled = true));
    await vi.advanceTimersByTimeAsync(199);
    expect(settled).toBe(false);
    await vi.advanceTimersByTimeAsync(1);
    expect(await result).toEqual({ ok: false, ms: 200, stillRunning: ["job digest-daily", "outbox worker", "database"] });
    expect(events).toEqual(["digest-daily started"]);
    release.open();
  });

  it("does not wait for a job that is not running, and runs it no more", async () => {
    const runs: number[] = [];
    const task = schedule("* * * * * *", () => void runs.push(Date.now()), { name: "idle" });
    tasks.push(task);
    // It is live: a second on the clock runs it.
    await vi.advanceTimersByTimeAsync(1_000);
    expect(runs.length).toBeGreaterThan(0);
    const result = await drain({ readiness: new Readiness(), stages: [[cronTaskStoppable(task)]], timeoutMs: 1_000, logger: capturedLogger().logger });
    // Done without the clock moving at all.
    expect(result).toEqual({ ok: true, ms: 0 });
    const before = runs.length;
    await vi.advanceTimersByTimeAsync(5_000);
    expect(runs.length).toBe(before);
  });

  describe("on a signal", () => {
    function planWith(stop: () => Promise<void>, timeoutMs: number): { plan: ShutdownPlan; lines: Record<string, unknown>[] } {
      const { logger, lines } = capturedLogger();
      return { plan: { readiness: new Readiness(), stages: [[{ name: "job sla", stop }]], timeoutMs, logger }, lines };
    }

    it("exits 0 once everything has stopped", async () => {
      const { plan, lines } = planWith(() => new Promise((resolve) => setTimeout(resolve, 50)), 1_000);
      const exited = gate();
      let code: number | undefined;
      const remove = exitOnSignals(plan, (exitCode) => {
        code = exitCode;
        exited.open();
      });
      try {
        process.emit("SIGTERM");
        await vi.advanceTimersByTimeAsync(50);
        await exited.opened;
      } finally {
        remove();
      }
      expect(code).toBe(0);
      expect(lines.map((line) => line.msg)).toEqual(["shutting down: draining requests, jobs and the outbox", "shut down cleanly"]);
    });

    it("exits 1 and logs what was still running when the timeout passes first", async () => {
      const { plan, lines } = planWith(() => new Promise(() => {}), 100);
      const exited = gate();
      let code: number | undefined;
      const remove = exitOnSignals(plan, (exitCode) => {
        code = exitCode;
        exited.open();
      });
      try {
        process.emit("SIGINT");
        await vi.advanceTimersByTimeAsync(100);
        await exited.opened;
      } finally {
        remove();
      }
      expect(code).toBe(1);
      expect(lines.at(-1)).toMatchObject({ level: 50, msg: "shutdown timed out; exiting with work still running", stillRunning: ["job sla"] });
    });
  });

  describe("within its time, whatever happens", () => {
    it("exits 1 by SHUTDOWN_TIMEOUT_MS on a second and third signal, though a stage never stops and the log never flushes", async () => {
      const { logger, lines } = capturedLogger();
      const codes: number[] = [];
      const exited = gate();
      let flushedWithin: number | undefined;
      const plan: ShutdownPlan = {
        readiness: new Readiness(),
        stages: [[{ name: "job sla", stop: () => new Promise(() => {}) }]],
        timeoutMs: 400,
        logger,
        flushLogs: (withinMs) => ((flushedWithin = withinMs), new Promise(() => {})),
      };
      const remove = exitOnSignals(plan, (code) => {
        codes.push(code);
        exited.open();
      });
      vi.useFakeTimers();
      try {
        process.emit("SIGTERM");
        process.emit("SIGTERM");
        process.emit("SIGINT");
        // By SHUTDOWN_TIMEOUT_MS on the clock, and once only, however long after.
        await vi.advanceTimersByTimeAsync(400);
        expect(codes).toEqual([1]);
        await vi.advanceTimersByTimeAsync(10_000);
        await exited.opened;
      } finally {
        vi.useRealTimers();
        remove();
      }
      expect(codes).toEqual([1]);
      expect(flushedWithin).toBeLessThanOrEqual(80);
      expect(lines.map((line) => line.msg)).toContain("second signal while shutting down: exiting now");
    });

    it("writes out the log before exiting, within the allowance kept for it", async () => {
      const { logger, lines } = capturedLogger();
      const events: string[] = [];
      const exited = gate();
      const remove = exitOnSignals(
        {
          readiness: new Readiness(),
          stages: [[{ name: "database", stop: () => Promise.resolve(void events.push("stopped")) }]],
          timeoutMs: 1_000,
          logger,
          flushLogs: (withinMs) => Promise.resolve(void events.push(`flushed within ${withinMs}`)),
        },
        (code) => {
          events.push(`exit ${code}`);
          exited.open();
        },
      );
      try {
        process.emit("SIGTERM");
        await exited.opened;
      } finally {
        remove();
      }
      expect(events).toEqual(["stopped", "flushed within 200", "exit 0"]);
      expect(lines.at(-1)).toMatchObject({ msg: "shut down cleanly" });
    });
  });

  describe("of the HTTP server", () => {
    // Real sockets, real time: the HTTP server's own close is what is tested.
    beforeEach(() => void vi.useRealTimers());
    let t: TestBot;
    let server: Server;
    afterEach(async () => {
      server?.closeAllConnections();
      await t?.close();
    });

    it("answers a request in flight, refuses new connections, and turns /readyz to 503 while draining", async () => {
      t = await startTestBot();
      const slow = gate();
      const reached = gate();
      // A handler that holds its request until the test lets it go, behind all the bot's routes.
      t.bot.app.use(async (ctx, next) => {
        if (ctx.path !== "/test/slow") return next();
        reached.open();
        await slow.opened;
        ctx.body = { done: true };
      });
      // A second listener of the same app, drained here; t.baseUrl stays up to look at /readyz.
      server = await new Promise<Server>((resolve) => {
        const listening = t.bot.app.listen(0, "127.0.0.1", () => resolve(listening));
      });
      const drainedUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
      expect((await t.request("GET", "/readyz")).status).toBe(200);

      const inFlight = fetch(`${drainedUrl}/test/slow`).then(async (response) => ({ status: response.status, body: await response.json() }));
      await reached.opened;
      const result = drain({
        readiness: readinessOf(t.bot.app),
        stages: [[httpServerStoppable(server)]],
        timeoutMs: 5_000,
        logger: capturedLogger().logger,
      });

      expect(await t.request("GET", "/readyz")).toEqual({ status: 503, body: { status: "unavailable", reason: "shutting down" } });
      expect(await t.request("GET", "/healthz")).toEqual({ status: 200, body: { status: "ok" } });
      await expect(fetch(`${drainedUrl}/healthz`)).rejects.toThrow();

      slow.open();
      expect(await inFlight).toEqual({ status: 200, body: { done: true } });
      expect(await result).toMatchObject({ ok: true });
      expect(server.listening).toBe(false);
    });
  });
});
