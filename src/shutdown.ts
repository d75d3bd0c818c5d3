import type { Server } from "node:http";
import type { ScheduledTask } from "node-cron";
import type { Readiness } from "./http/health.ts";
import type { Logger } from "./logger.ts";

/** Something running in the process that a shutdown stops and waits for. */
export interface Stoppable {
  /** Named in the log when it is still running at the deadline. */
  name: string;
  /** Stops taking new work; resolves when the work in hand is done. */
  stop: () => Promise<void>;
}

export interface ShutdownPlan {
  readiness: Readiness;
  /**
   * Stopped stage by stage; the stoppables of a stage together. main.ts: the HTTP server, the long
   * connections and the jobs (all may still queue posts), then the outbox worker (its pass may send them),
   * then the database.
   */
  stages: Stoppable[][];
  timeoutMs: number;
  logger: Logger;
  /**
   * Writes out the log lines still queued, waiting no longer than told (main.ts: the stdout log). Called
   * before the process exits, within the shutdown's time.
   */
  flushLogs?: (withinMs: number) => Promise<void>;
}

export type ShutdownResult = { ok: true; ms: number } | { ok: false; ms: number; stillRunning: string[] };

/**
 * Drains the process: /readyz turns 503 at once, then each stage is stopped and awaited in turn (in
 * main.ts: no new connections and in-flight requests answered, running jobs finished; then the outbox
 * worker's pass; then the database). Resolves ok when all that finished within `timeoutMs`, and
 * otherwise with the names of what was still running, or not yet stopped, then.
 */
export async function drain(plan: ShutdownPlan): Promise<ShutdownResult> {
  const started = Date.now();
  plan.readiness.draining = true;
  const running = new Set<string>(plan.stages.flat().map((stoppable) => stoppable.name));
  const stopAll = async (stoppables: Stoppable[]) => {
    await Promise.all(
      stoppables.map(async (stoppable) => {
        try {
          await stoppable.stop();
        } catch (error) {
          plan.logger.error({ err: error, what: stoppable.name }, "failed to stop cleanly");
        } finally {
          running.delete(stoppable.name);
        }
      }),
    );
  };
  let timer: NodeJS.Timeout | undefined;
  const deadline = new Promise<"timeout">((resolve) => {
    timer = setTimeout(() => resolve("timeout"), plan.timeoutMs);
  });
  const outcome = await Promise.race([
    (async () => {
      for (const stage of plan.stages) await stopAll(stage);
      return "done" as const;
    })(),
    deadline,
  ]);
  clearTimeout(timer);
  const ms = Date.now() - started;
  return outcome === "done" ? { ok: true, ms } : { ok: false, ms, stillRunning: [...running] };
}

/**
 * The HTTP server: no new connections, idle keep-alive connections closed, and every request already
 * received answered before it counts as stopped.
 */
export function httpServerStoppable(server: Server): Stoppable {
  return {
    name: "http requests",
    stop: () =>
      new Promise<void>((resolve, reject) => {
        server.close((error) => (error && (error as NodeJS.ErrnoException).code !== "ERR_SERVER_NOT_RUNNING" ? reject(error) : resolve()));
        // A connection that was busy when close() was called goes idle once its response is out; close it then.
        const sweep = setInterval(() => server.closeIdleConnections(), 50);
        server.once("close", () => clearInterval(sweep));
        server.closeIdleConnections();
      }),
  };
}

/** A node-cron task: no further runs; the run in progress, if any, is awaited. */
export function cronTaskStoppable(task: ScheduledTask): Stoppable {
  return {
    name: `job ${task.name ?? task.id}`,
    stop: async () => {
      // Asked before stop(): a stopped task no longer says whether a run is still going.
      const busy = task.isBusy();
      const finished = new Promise<void>((resolve) => {
        const settled = () => {
          task.off("execution:finished", settled);
          task.off("execution:failed", settled);
          resolve();
        };
        task.on("execution:finished", settled);
        task.on("execution:failed", settled);
      });
      await task.stop();
      if (busy) await finished;
    },
  };
}

/** Of the shutdown's time, what is kept to write out the last log lines: a fifth, at most a second. */
export const flushAllowanceMs = (timeoutMs: number) => Math.min(1_000, Math.floor(timeoutMs / 5));

/**
 * On SIGTERM or SIGINT: drain, then exit 0, or 1 with what was still running when the timeout passed
 * first. A second signal while draining exits at once (1). Whatever happens meanwhile — more signals, a
 * stage that never stops, stdout's reader gone or not reading — the process exits within `timeoutMs` of
 * the first signal: the drain gets the time less the allowance to write out the log, and a last timer
 * exits 1 when the time is up. Returns a function that removes the handlers.
 */
export function exitOnSignals(plan: ShutdownPlan, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let draining = false;
  let finishing = false;
  let exited = false;
  let deadline = 0;
  let lastResort: NodeJS.Timeout | undefined;
  const exitOnce = (code: number) => {
    if (exited) return;
    exited = true;
    clearTimeout(lastResort);
    exit(code);
  };
  const finish = async (code: number) => {
    if (finishing) return;
    finishing = true;
    await plan.flushLogs?.(Math.max(0, Math.min(flushAllowanceMs(plan.timeoutMs), deadline - Date.now())));
    exitOnce(code);
  };
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) {
      plan.logger.warn({ signal }, "second signal while shutting down: exiting now");
      void finish(1);
      return;
    }
    draining = true;
    deadline = Date.now() + plan.timeoutMs;
    // The last resort: nothing below may keep the process past its time (a flush that never returns included).
    lastResort = setTimeout(() => {
      if (!finishing) plan.logger.error({ timeoutMs: plan.timeoutMs }, "shutdown timed out; exiting");
      exitOnce(1);
    }, plan.timeoutMs);
    lastResort.unref();
    plan.logger.info({ signal, timeoutMs: plan.timeoutMs }, "shutting down: draining requests, jobs and the outbox");
    void drain({ ...plan, timeoutMs: plan.timeoutMs - flushAllowanceMs(plan.timeoutMs) }).then((result) => {
      if (result.ok) {
        plan.logger.info({ ms: result.ms }, "shut down cleanly");
        void finish(0);
      } else {
        plan.logger.error({ ms: result.ms, stillRunning: result.stillRunning }, "shutdown timed out; exiting with work still running");
        void finish(1);
      }
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return () => {
    clearTimeout(lastResort);
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  };
}
