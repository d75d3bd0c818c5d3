import { schedule, type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { claimJobRun, findJobRun, tickClaim } from "../store/jobRuns.ts";
import { thisProcess, type JobInstance } from "./instance.ts";
import { JOBS, scheduleOf, type Job, type JobName } from "./registry.ts";
import { runJob } from "./runner.ts";

/**
 * node-cron is the clock, the database is the truth: every instance's node-cron ticks, and each tick is run
 * once across instances, as of the tick's instant, by the instance whose claim of (job, tick) won.
 */
export function startJobs(deps: MessageServiceDeps, config: Config, instance: JobInstance = thisProcess()): ScheduledTask[] {
  return (Object.keys(JOBS) as JobName[]).map((name) => {
    const job: Job = JOBS[name];
    // context.date is the tick's own instant (to the second), the same on every instance whenever its timer fired.
    return schedule(scheduleOf(name, job, config), (context) => runTick(deps, name, context.date, instance), {
      name,
      timezone: config.TZ,
      noOverlap: true,
    });
  });
}

/**
 * One tick of one job: claimed in the database (one insert wins); the winner runs the job and logs
 * `job finished` with the tick, the others log `job skipped` at debug level and do nothing.
 */
export async function runTick(deps: MessageServiceDeps, name: JobName, tick: Date, instance: JobInstance = thisProcess()): Promise<void> {
  const at = tick.toISOString();
  const startedAt = instance.clock();
  try {
    const claim = tickClaim(name, tick);
    if (!(await claimJobRun(deps.db, { claim, job: name, tick, manual: false, runner: instance.id }, startedAt))) {
      deps.logger.debug({ job: name, tick: at, by: (await findJobRun(deps.db, claim))?.runner ?? null }, "job skipped");
      return;
    }
    const result = await runJob(deps, name, tick, { instance, claim });
    deps.logger.info({ job: name, tick: at, result, ms: instance.clock().getTime() - startedAt.getTime() }, "job finished");
  } catch (error) {
    deps.logger.error({ err: error, job: name, tick: at }, "job failed");
  }
}
