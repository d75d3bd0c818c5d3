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

/**
 * On SIGTERM or SIGINT: drain, then exit 0, or 1 with what was still running when the timeout passed
 * first. A second signal while draining exits at once (1). Returns a function that removes the handlers.
 */
export function exitOnSignals(plan: ShutdownPlan, exit: (code: number) => void = (code) => process.exit(code)): () => void {
  let draining = false;
  const onSignal = (signal: NodeJS.Signals) => {
    if (draining) {
      plan.logger.warn({ signal }, "second signal while shutting down: exiting now");
      exit(1);
      return;
    }
    draining = true;
    plan.logger.info({ signal, timeoutMs: plan.timeoutMs }, "shutting down: draining requests, jobs and the outbox");
    void drain(plan).then((result) => {
      if (result.ok) {
        plan.logger.info({ ms: result.ms }, "shut down cleanly");
        exit(0);
      } else {
        plan.logger.error({ ms: result.ms, stillRunning: result.stillRunning }, "shutdown timed out; exiting with work still running");
        exit(1);
      }
    });
  };
  process.on("SIGTERM", onSignal);
  process.on("SIGINT", onSignal);
  return () => {
    process.off("SIGTERM", onSignal);
    process.off("SIGINT", onSignal);
  };
}
