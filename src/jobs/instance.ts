import { randomBytes } from "node:crypto";
import { hostname } from "node:os";

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

/** This process: host, process id and a random part (a restarted process with the same pid is another runner). */
export function thisProcess(): JobInstance {
  current ??= { id: `${hostname()}:${process.pid}:${randomBytes(3).toString("hex")}`, clock: () => new Date(), pollMs: 1000 };
  return current;
}
