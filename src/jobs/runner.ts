import { randomBytes } from "node:crypto";
import { setTimeout as delay } from "node:timers/promises";
import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { claimJobRun, markJobRunFinished, markJobRunStarted, releaseJobLock, takeJobLock, tickClaim } from "../store/jobRuns.ts";
import { thisProcess, type JobInstance } from "./instance.ts";
import { JOBS, maxRunMsOf, type Job, type JobName } from "./registry.ts";

const runs = new WeakMap<MessageServiceDeps, Map<JobName, Promise<object>>>();

export interface RunOptions {
  instance?: JobInstance;
  /** The claim a scheduled tick won (scheduler.ts); without one the run is a manual one, claimed here. */
  claim?: string;
}

/**
 * Runs a job as of `at`, one run of a given job at a time across every instance on the database: in this
 * process a run asked for while another is under way starts when it ends; across processes it waits for the
 * job's lock (store/jobRuns.ts), held until the run ends or the job's longest run has passed. The run is
 * recorded in JobRun (who, started, finished, result or error). The jobs themselves record what they did,
 * so a later run finds it done and posts nothing twice.
 */
export function runJob(deps: MessageServiceDeps, name: JobName, at: Date, options: RunOptions = {}): Promise<object> {
  let byName = runs.get(deps);
  if (!byName) runs.set(deps, (byName = new Map<JobName, Promise<object>>()));
  const previous = byName.get(name);
  const run = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() =>
    runClaimed(deps, name, at, options.instance ?? thisProcess(), options.claim),
  );
  byName.set(name, run);
  const forget = () => {
    if (byName.get(name) === run) byName.delete(name);
  };
  run.then(forget, forget);
  return run;
}

async function runClaimed(deps: MessageServiceDeps, name: JobName, at: Date, instance: JobInstance, scheduledClaim: string | undefined): Promise<object> {
  const job: Job = JOBS[name];
  let claim = scheduledClaim;
  if (!claim) {
    claim = `${tickClaim(name, at)}#${instance.id}#${randomBytes(4).toString("hex")}`;
    await claimJobRun(deps.db, { claim, job: name, tick: at, manual: true, runner: instance.id }, instance.clock());
  }
  const maxRunMs = maxRunMsOf(job);
  // The lock's holder is the run's own claim: two bots in one process (the tests' instances) stay apart.
  while (!(await takeJobLock(deps.db, name, claim, instance.clock(), new Date(instance.clock().getTime() + maxRunMs)))) await delay(instance.pollMs);
  try {
    await markJobRunStarted(deps.db, claim, instance.clock());
    let result: object;
    try {
      result = await job.run(deps, at);
    } catch (error) {
      await markJobRunFinished(deps.db, claim, instance.clock(), { error: error instanceof Error ? error.message : String(error) }).catch(() => undefined);
      throw error;
    }
    await markJobRunFinished(deps.db, claim, instance.clock(), { result: JSON.stringify(result) });
    return result;
  } finally {
    await releaseJobLock(deps.db, name, claim);
  }
}
