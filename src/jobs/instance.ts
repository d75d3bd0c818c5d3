import { INSTANCE_ID } from "../cluster/instance.ts";

/**
 * A runner of jobs as the database knows it: its name (recorded with each run it claims) and the wall clock
 * its locks are timed by — not the instant a job runs "as of", which an operator may name.
 */
export interface JobInstance {
  id: string;
  clock: () => Date;
  /** How often a run waiting for its job's lock asks again. */
  pollMs: number;
}

let current: JobInstance | undefined;

/** This process, named as the outbox and the leases name it (cluster/instance.ts). */
export function thisProcess(): JobInstance {
  current ??= { id: INSTANCE_ID, clock: () => new Date(), pollMs: 1000 };
  return current;
}
