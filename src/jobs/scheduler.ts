import { schedule, type ScheduledTask } from "node-cron";
import type { Config } from "../config.ts";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { JOBS, scheduleOf, type Job, type JobName } from "./registry.ts";
import { runJob } from "./runner.ts";

/**
 * node-cron is the clock, the database is the truth: each tick runs the job as of the tick's instant, and
 * the jobs themselves make sure nothing is done twice.
 */
export function startJobs(deps: MessageServiceDeps, config: Config): ScheduledTask[] {
  return (Object.keys(JOBS) as JobName[]).map((name) => {
    const job: Job = JOBS[name];
    return schedule(
      scheduleOf(name, job, config),
      async () => {
        const startedAt = deps.clock();
        try {
          const result = await runJob(deps, name, startedAt);
          deps.logger.info({ job: name, result, ms: deps.clock().getTime() - startedAt.getTime() }, "job finished");
        } catch (error) {
          deps.logger.error({ err: error, job: name }, "job failed");
        }
      },
      { name, timezone: config.TZ, noOverlap: true },
    );
  });
}
