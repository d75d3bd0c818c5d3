import type { MessageServiceDeps } from "../features/handleMessage.ts";
import { JOBS, type Job, type JobName } from "./registry.ts";

const runs = new WeakMap<MessageServiceDeps, Map<JobName, Promise<object>>>();

/**
 * Runs a job in this process, one run of a given job at a time: a run asked for while another is under
 * way (the schedule, and `npm run job` handed to the server) starts when it ends. The jobs themselves
 * record what they did, so the later run finds it done and posts nothing twice.
 */
export function runJob(deps: MessageServiceDeps, name: JobName, now: Date): Promise<object> {
  let byName = runs.get(deps);
  if (!byName) runs.set(deps, (byName = new Map<JobName, Promise<object>>()));
  const previous = byName.get(name);
  const run = (previous ? previous.catch(() => undefined) : Promise.resolve()).then(() => (JOBS[name] as Job).run(deps, now));
  byName.set(name, run);
  const forget = () => {
    if (byName.get(name) === run) byName.delete(name);
  };
  run.then(forget, forget);
  return run;
}
