import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../src/features/escalation/slaSweep.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

/** The sandbox as a newcomer meets it (#10). */

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const timeline = async () => (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages as { type: string; text: string; at: string }[];

describe("the sandbox timeline", () => {
  it("shows messages in arrival order, even after a job ran as of a later date", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    // A job run "as of" four days later, then the clock back to now: the new message still comes last.
    await runSlaSweep(t.bot.deps, new Date("2026-11-27T02:00:00Z"));
    await t.say(RESIDENTS, "u-zhang", "进度 1");
    const entries = await timeline();
    expect(entries.at(-2)).toMatchObject({ type: "message", text: "进度 1" });
    expect(entries.at(-1)!.text).toContain("工单 #1｜");
    expect(entries.at(-3)!.text).toContain("已升级至");
  });
});

describe("the sandbox page", () => {
  it("opens on the README's story (阳光花园 as 张阿姨), keeps its header, and says things inline", async () => {
    const page = (await t.request("GET", "/sandbox")).body as string;
    expect(page).toContain('const STORY_GROUP = "g-yangguang"');
    expect(page).toContain('const STORY_MEMBER = "u-zhang"');
    expect(page).toContain("position: sticky");
    expect(page).not.toMatch(/\balert\(/);
  });
});

describe("GET /api/outbox without a filter", () => {
  it("shows every post, sandbox posts included; a status narrows it", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    const all = await t.request("GET", "/api/outbox", { headers: auth });
    expect(all.body.items.length).toBeGreaterThan(0);
    expect(all.body.items[0]).toMatchObject({ channel: "sandbox", status: "sent" });
    expect((await t.request("GET", "/api/outbox?status=dead", { headers: auth })).body.items).toEqual([]);
  });
});
