import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readJobCommand } from "../../src/jobs/cli.ts";
import { refuseJobInstant } from "../../src/jobs/instant.ts";
import { JOBS } from "../../src/jobs/registry.ts";
import { runJob } from "../../src/jobs/runner.ts";
import * as texts from "../../src/jobs/texts.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";
import { jobRunsOf } from "../../src/store/jobRuns.ts";
import { runJobCommandLine } from "../../scripts/jobCommandLine.ts";

const run = promisify(execFile);
const NOW = new Date("2026-11-23T02:00:00Z");
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: NOW.toISOString() });
});
afterEach(async () => {
  await t.close();
});

const jobEnv = () => ({ ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: "silent", DEMO_SEED: "false" });

/** `npm run job` in its own process: kept for what only a process shows (a run beside a server, its exit code). */
function job(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/job.ts", ...args], { env: jobEnv() });
}

/** `npm run job` in this process, with its own connection to the database, as the script runs it. */
async function jobInProcess(args: string[]): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  const out: string[] = [];
  const err: unknown[] = [];
  const exitCode = await runJobCommandLine(args, {
    env: jobEnv(),
    now: () => NOW,
    out: (line) => out.push(line),
    err: (message) => err.push(message),
  });
  return { exitCode, stdout: out.join("\n"), stderr: err.map(String).join("\n") };
}

describe("npm run job", () => {
  it("runs one job once as of the given instant, and a rerun finds nothing left to do", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const command = readJobCommand(["sla", "--at", "2026-11-24T08:00:00+08:00"], NOW);
    if (!command.ok) throw new Error(command.message);
    expect(command.at.toISOString()).toBe("2026-11-24T00:00:00.000Z");
    expect(await runJob(t.bot.deps, command.name, command.at)).toEqual({ escalated: 0, chased: 1, reminded: 0, autoClosed: 0, skipped: 0 });
    expect(await runJob(t.bot.deps, command.name, command.at)).toMatchObject({ chased: 0 });
    const staff = (await t.request("GET", "/sandbox/groups/g-xingfu-staff/messages")).body.messages;
    expect(staff.filter((entry: { text: string }) => entry.text.includes("【督办】"))).toHaveLength(1);
  });

  it("refuses an unknown job or a bad instant", async () => {
    expect(readJobCommand(["nothing"], NOW)).toEqual({ ok: false, message: texts.usage(Object.keys(JOBS)) });
    expect(readJobCommand(["sla", "--at", "yesterday"], NOW)).toEqual({ ok: false, message: texts.instantUnreadable("yesterday") });
    // The command line answers 2 with the same message, and runs nothing.
    expect(await jobInProcess(["nothing"])).toEqual({ exitCode: 2, stdout: "", stderr: texts.usage(Object.keys(JOBS)) });
    expect(await jobInProcess(["sla", "--at", "yesterday"])).toEqual({ exitCode: 2, stdout: "", stderr: texts.instantUnreadable("yesterday") });
    expect(await jobRunsOf(t.database.db, "sla")).toEqual([]);
  });
});

describe("npm run job at an instant the rules refuse", () => {
  it("refuses a digest of a time before the deployment's first data", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const command = readJobCommand(["digest-monthly", "--at", "2019-12-01", "--local"], NOW);
    if (!command.ok) throw new Error(command.message);
    const refusal = await refuseJobInstant(t.database.db, command.at, NOW, false);
    expect(refusal).toEqual(expect.stringContaining("早于本部署最早的数据"));
    expect(await refuseJobInstant(t.database.db, command.at, NOW, true)).toBeNull();
    // The command line answers 2 with that refusal, and runs nothing.
    expect(await jobInProcess(["digest-monthly", "--at", "2019-12-01"])).toEqual({ exitCode: 2, stdout: "", stderr: refusal });
    expect(await jobRunsOf(t.database.db, "digest-monthly")).toEqual([]);
  });
});

describe("npm run job beside a running server", () => {
  it("runs the job in its own process, recorded as a manual run, while messages arriving meanwhile are all stored", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const running = job(["sla", "--at", "2026-11-24T08:00:00+08:00"]);
    const replies = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        t.request("POST", "/sandbox/groups/g-yangguang/messages", { body: { userId: "u-zhang", text: `@议事助手 ${i + 5}号楼电梯坏了` } }),
      ),
    );
    const done = await running;
    // The first report, and those of the 20 that were stored before the sweep read, are chased once each.
    const chased = JSON.parse(done.stdout).result.chased;
    expect(chased).toBeGreaterThanOrEqual(1);
    expect(chased).toBeLessThanOrEqual(21);
    expect(replies.map((reply) => reply.status)).toEqual(Array(20).fill(200));
    expect(await tables(t.database.db).inboundMessage.count()).toBe(21);
    const [run] = await jobRunsOf(t.database.db, "sla");
    expect(run).toMatchObject({ manual: true, tick: new Date("2026-11-24T00:00:00Z"), error: null });
    expect(JSON.parse(run!.result!)).toEqual(JSON.parse(done.stdout).result);
  }, 60_000);

  // Two runs, each with its own connection, as two processes have: the job's lock and what a job records are in
  // the database, so one process shows nothing two connections do not (the run beside a server above is the
  // one real process).
  it("two runs of one job at once post once", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const at = "2026-11-24T08:00:00+08:00";
    // --local (from when a run was handed to a server) is still accepted.
    const [a, b] = await Promise.all([jobInProcess(["digest-daily", "--at", at]), jobInProcess(["digest-daily", "--at", at, "--local"])]);
    expect([a.exitCode, b.exitCode]).toEqual([0, 0]);
    const first = JSON.parse(a.stdout).result;
    const second = JSON.parse(b.stdout).result;
    const staffGroups = await tables(t.database.db).group.count({ where: { kind: "staff" } });
    expect(first.posted + second.posted).toBe(staffGroups);
    expect(first.alreadyPosted + second.alreadyPosted).toBe(staffGroups);
    expect(await tables(t.database.db).botPost.count({ where: { kind: "notice", createdAt: new Date(at) } })).toBe(staffGroups);
  });
});
