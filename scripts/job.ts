/**
 * Runs one job once, as of an instant (default: now), against the configured database, in this process:
 *
 *   npm run job -- sla --at 2026-11-25T10:00:00+08:00
 *   npm run job -- digest-daily
 *   npm run job -- sla --at … --force-instant   (an instant more than a day ahead, or before the first data)
 *
 * The run takes the job's lock in the database (store/jobRuns.ts), the same lock every instance's scheduled
 * runs take: while a run of the job is under way anywhere it waits, and a scheduled tick meanwhile waits for
 * it. It is recorded in JobRun (manual, who, started, finished, result). Its writes wait their turn like any
 * other, and every job records what it did, so two runs post once. Posts go to the outbox; a running server
 * delivers them (sandbox posts are delivered by being stored). The work is scripts/jobCommandLine.ts.
 */
import { existsSync } from "node:fs";
import { runJobCommandLine } from "./jobCommandLine.ts";

if (existsSync(".env")) process.loadEnvFile(".env");
const exitCode = await runJobCommandLine(process.argv.slice(2), {
  env: process.env,
  now: () => new Date(),
  out: (line) => console.log(line),
  err: (message) => console.error(message),
});
// A refusal or a failure ends the process at once, as before; a finished run ends when its connections have closed.
if (exitCode !== 0) process.exit(exitCode);
