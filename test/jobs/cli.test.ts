import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";

const run = promisify(execFile);
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

function job(args: string[]) {
  return run(process.execPath, ["--import", "tsx", "scripts/job.ts", ...args], {
    env: { ...process.env, DATABASE_URL: t.database.url, LOG_LEVEL: "silent", DEMO_SEED: "false" },
  });
}

describe("npm run job", () => {
  it("runs one job once as of the given instant, and a rerun finds nothing left to do", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const first = await job(["sla", "--at", "2026-11-24T08:00:00+08:00"]);
    expect(JSON.parse(first.stdout)).toEqual({
      job: "sla",
      at: "2026-11-24T00:00:00.000Z",
      result: { escalated: 0, chased: 1, reminded: 0, autoClosed: 0, skipped: 0 },
    });
    const again = await job(["sla", "--at", "2026-11-24T08:00:00+08:00"]);
    expect(JSON.parse(again.stdout).result.chased).toBe(0);
    const staff = (await t.request("GET", "/sandbox/groups/g-xingfu-staff/messages")).body.messages;
    expect(staff.filter((entry: { text: string }) => entry.text.includes("【督办】"))).toHaveLength(1);
  }, 60_000);

  it("refuses an unknown job or a bad instant", async () => {
    await expect(job(["nothing"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("用法：npm run job") });
    await expect(job(["sla", "--at", "yesterday"])).rejects.toMatchObject({ code: 2, stderr: expect.stringContaining("不是有效的 ISO 时间") });
  }, 60_000);
});
