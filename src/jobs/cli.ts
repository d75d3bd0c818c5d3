import { parseArgs } from "node:util";
import { instantRefusal, readJobInstant } from "./instant.ts";
import { isJobName, JOBS, type JobName } from "./registry.ts";
import * as texts from "./texts.ts";

/** What `npm run job -- …` asks for, or why it cannot be done (exit code 2 with the message). */
export type JobCommand =
  | {
      ok: true;
      name: JobName;
      at: Date;
      /** The operator named the instant (`--at`): it is checked against the deployment's first data too. */
      named: boolean;
      /** `--force-instant`: the operator means an instant the rules refuse. */
      force: boolean;
    }
  | { ok: false; message: string };

/**
 * Reads the command line of `scripts/job.ts`: the job, a readable `--at` (default `now`) not more than a day
 * ahead of `now` unless forced. The check against the deployment's first data needs the database: the
 * script makes it. `--local` (from when a run was handed to a running server) is still accepted, and means nothing.
 */
export function readJobCommand(argv: readonly string[], now: Date): JobCommand {
  const usage = texts.usage(Object.keys(JOBS));
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      options: { at: { type: "string" }, local: { type: "boolean" }, "force-instant": { type: "boolean" } },
    });
  } catch {
    return { ok: false, message: usage };
  }
  const { positionals, values } = parsed;
  const name = positionals[0] ?? "";
  if (!isJobName(name) || positionals.length > 1) return { ok: false, message: usage };
  const force = values["force-instant"] === true;
  let at = now;
  if (values.at !== undefined) {
    const read = readJobInstant(values.at);
    if (!read.ok) return { ok: false, message: read.reason };
    at = read.at;
    const refusal = force ? null : instantRefusal(at, now, null);
    if (refusal) return { ok: false, message: refusal };
  }
  return { ok: true, name, at, named: values.at !== undefined, force };
}
