import { afterEach, describe, expect, it } from "vitest";
import type { JobInstance } from "../../src/jobs/instance.ts";
import { runJob } from "../../src/jobs/runner.ts";
import { runTick } from "../../src/jobs/scheduler.ts";
import { createLogger } from "../../src/logger.ts";
import { findJobRun, jobLockHolder, jobRunsOf, takeJobLock, tickClaim } from "../../src/store/jobRuns.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

/** The instances' clocks, when the report in the first tests is filed; ticks come the next morning. */
const NOW = "2026-11-23T02:00:00Z";
const open: TestBot[] = [];
afterEach(async () => {
  // The second instance's connection first, then the first's database with it.
  for (const bot of open.splice(0).reverse()) await bot.close();
});

interface Instance {
  t: TestBot;
  runner: JobInstance;
  lines: { msg: string; level: number; job?: string; tick?: string; by?: string; result?: unknown }[];
}

/** Two instances of the bot on one database: two connections, two loggers, one fake clock each (set alike). */
async function twoInstances(): Promise<[Instance, Instance]> {
  const make = async (name: string, sharing?: TestBot): Promise<Instance> => {
    const lines: Instance["lines"] = [];
    const logger = createLogger("debug", { write: (line: string) => void lines.push(JSON.parse(line)) });
    const t = await startTestBot({ now: NOW, logger, ...(sharing ? { sharing: sharing.database } : {}) });
    open.push(t);
    return { t, lines, runner: { id: name, clock: t.clock.now, pollMs: 5 } };
  };
  const a = await make("instance-a");
  return [a, await make("instance-b", a.t)];
}

/** Waits (polling, at most 10 s) until `condition` holds: for what another connection does in its own time. */
async function eventually(condition: () => Promise<boolean>): Promise<void> {
  for (let i = 0; i < 1000; i++) {
    if (await condition()) return;
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  throw new Error("the condition did not come true within 10 s");
}

/**
 * The runner with its clock counted: a tick reads it once when it claims, then twice each time it asks for the
 * job's lock (jobs/scheduler.ts, jobs/runner.ts), so a test can wait for refused attempts instead of for time.
 */
function countingLockAttempts(runner: JobInstance): { runner: JobInstance; attempts: () => number } {
  let reads = 0;
  const clock = () => {
    reads += 1;
    return runner.clock();
  };
  return { runner: { ...runner, clock }, attempts: () => Math.floor((reads - 1) / 2) };
}

const finished = (instances: Instance[], job: string, tick: string) =>
  instances.flatMap((instance) => instance.lines.filter((line) => line.msg === "job finished" && line.job === job && line.tick === tick));

describe("scheduled jobs with several instances on one database", () => {
  it("runs each tick once: the instance whose claim won runs it, the other logs that it skipped", async () => {
    const [a, b] = await twoInstances();
    await a.t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const ticks = ["2026-11-24T00:00:00.000Z", "2026-11-24T00:05:00.000Z", "2026-11-24T00:10:00.000Z"];
    for (const tick of ticks) {
      await Promise.all([runTick(a.t.bot.deps, "sla", new Date(tick), a.runner), runTick(b.t.bot.deps, "sla", new Date(tick), b.runner)]);
      expect(finished([a, b], "sla", tick)).toHaveLength(1);
      const skipped = [a, b].flatMap((instance) => instance.lines.filter((line) => line.msg === "job skipped" && line.tick === tick));
      expect(skipped).toHaveLength(1);
      expect(skipped[0]!.level).toBe(20); // debug
      const run = await findJobRun(a.t.database.db, tickClaim("sla", new Date(tick)));
      expect(run).toMatchObject({ job: "sla", manual: false, runner: skipped[0]!.by, error: null });
      expect(run!.finishedAt).toBeInstanceOf(Date);
      expect(JSON.parse(run!.result!)).toEqual(finished([a, b], "sla", tick)[0]!.result);
    }
    // The report was chased once, by whichever instance ran the tick that found it due.
    const staff = (await a.t.request("GET", "/sandbox/groups/g-xingfu-staff/messages")).body.messages;
    expect(staff.filter((entry: { text: string }) => entry.text.includes("【督办】"))).toHaveLength(1);
  });

  it("posts a digest once when both instances tick at once", async () => {
    const [a, b] = await twoInstances();
    await a.t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const tick = "2026-11-24T00:00:00.000Z";
    await Promise.all([runTick(a.t.bot.deps, "digest-daily", new Date(tick), a.runner), runTick(b.t.bot.deps, "digest-daily", new Date(tick), b.runner)]);
    const [line] = finished([a, b], "digest-daily", tick);
    expect(finished([a, b], "digest-daily", tick)).toHaveLength(1);
    expect(line!.result).toMatchObject({ alreadyPosted: 0 });
    expect((line!.result as { posted: number }).posted).toBeGreaterThan(0);
  });

  it("a scheduled tick waits while a run of the same job holds its lock elsewhere, then runs", async () => {
    const [a, b] = await twoInstances();
    const db = a.t.database.db;
    const until = new Date(Date.parse(NOW) + 30 * 60_000);
    expect(await takeJobLock(db, "reminders", "a-manual-run", a.t.clock.now(), until)).toBe(true);
    const tick = new Date("2026-11-23T02:01:00Z");
    const asking = countingLockAttempts(b.runner);
    const ticked = runTick(b.t.bot.deps, "reminders", tick, asking.runner);
    // Claimed, and asking for the lock again and again (every 5 ms) without getting it: counted, not timed.
    await eventually(async () => (await findJobRun(db, tickClaim("reminders", tick))) !== null);
    await eventually(() => Promise.resolve(asking.attempts() >= 3));
    expect((await findJobRun(db, tickClaim("reminders", tick)))!.startedAt).toBeNull();
    expect(finished([b], "reminders", tick.toISOString())).toHaveLength(0);
    const { releaseJobLock } = await import("../../src/store/jobRuns.ts");
    await releaseJobLock(db, "reminders", "a-manual-run");
    await ticked;
    expect(finished([b], "reminders", tick.toISOString())).toHaveLength(1);
    expect(await jobLockHolder(db, "reminders")).toBeNull();
  });

  it("takes over the lock of a run that died once the job's longest run has passed", async () => {
    const [a, b] = await twoInstances();
    const db = a.t.database.db;
    // A run that claimed the tick and the lock, and whose process died: nothing will release it.
    expect(await takeJobLock(db, "recurring-meetings", "dead-run", a.t.clock.now(), new Date(Date.parse(NOW) + 30 * 60_000))).toBe(true);
    const asking = countingLockAttempts(b.runner);
    const ticked = runTick(b.t.bot.deps, "recurring-meetings", new Date("2026-11-23T03:00:00Z"), asking.runner);
    await eventually(async () => (await findJobRun(db, tickClaim("recurring-meetings", new Date("2026-11-23T03:00:00Z")))) !== null);
    await eventually(() => Promise.resolve(asking.attempts() >= 3));
    expect(finished([b], "recurring-meetings", "2026-11-23T03:00:00.000Z")).toHaveLength(0);
    b.t.clock.advance(31 * 60_000);
    await ticked;
    expect(finished([b], "recurring-meetings", "2026-11-23T03:00:00.000Z")).toHaveLength(1);
  });

  it("records a manual run under a key of its own, so a rerun of the same instant runs again", async () => {
    const [a] = await twoInstances();
    const at = new Date("2026-11-24T00:00:00Z");
    await runJob(a.t.bot.deps, "digest-weekly", at, { instance: a.runner });
    await runJob(a.t.bot.deps, "digest-weekly", at, { instance: a.runner });
    const runs = await jobRunsOf(a.t.database.db, "digest-weekly");
    expect(runs).toHaveLength(2);
    expect(runs.every((run) => run.manual && run.runner === "instance-a" && run.finishedAt !== null && run.error === null)).toBe(true);
  });

  it("one claim of a tick and one holder of a lock, however many ask at once", async () => {
    const [a, b] = await twoInstances();
    const { claimJobRun } = await import("../../src/store/jobRuns.ts");
    const tick = new Date(NOW);
    const claims = await Promise.all(
      Array.from({ length: 10 }, (_, i) =>
        claimJobRun((i % 2 ? a : b).t.database.db, { claim: tickClaim("sla", tick), job: "sla", tick, manual: false, runner: `r${i}` }, tick),
      ),
    );
    expect(claims.filter(Boolean)).toHaveLength(1);
    const until = new Date(Date.parse(NOW) + 60_000);
    const locks = await Promise.all(Array.from({ length: 10 }, (_, i) => takeJobLock((i % 2 ? a : b).t.database.db, "sla", `h${i}`, tick, until)));
    expect(locks.filter(Boolean)).toHaveLength(1);
  });
});
