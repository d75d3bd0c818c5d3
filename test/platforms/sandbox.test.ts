import { runInNewContext } from "node:vm";
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

describe("the sandbox page after a second pilot (#18)", () => {
  const pageScript = async () => (await t.request("GET", "/sandbox")).body as string;
  /** One of the page's own functions, taken from the page as served. */
  const pageFunction = async (name: string) => {
    const source = (await pageScript()).match(new RegExp(`function ${name}\\([\\s\\S]*?\\n}\\n`))?.[0];
    expect(source, `the page defines ${name}`).toBeDefined();
    return runInNewContext(`${source}; ${name}`) as (...args: unknown[]) => any;
  };

  it("shows the server's entries in arrival order, a later-dated job post included, with its own chatter where it was said", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    await runSlaSweep(t.bot.deps, new Date("2026-11-27T02:00:00Z"));
    await t.say(RESIDENTS, "u-zhang", "进度 1");
    const entries = (await timeline()) as unknown as { id: string; at: string; text: string }[];
    expect(new Set(entries.map((entry) => entry.id)).size).toBe(entries.length);
    const order = await pageFunction("inArrivalOrder");
    const chatter = { id: undefined, afterId: entries[1]!.id, at: "2026-11-23T02:00:30Z", text: "大家好" };
    const shown = order(entries, [chatter]) as { text: string }[];
    expect(shown.map((entry) => entry.text)).toEqual([entries[0]!.text, entries[1]!.text, "大家好", ...entries.slice(2).map((entry) => entry.text)]);
    expect(shown.at(-1)!.text).toContain("工单 #1｜"); // the newest message last, not the sweep's later-dated post
  });

  it("tells the page the deployment's time zone, and the page writes times in it", async () => {
    const far = await startTestBot({ now: "2026-11-23T02:00:00Z", env: { TZ: "Asia/Urumqi" } });
    try {
      expect((await far.request("GET", "/sandbox/groups")).body.zone).toBe("Asia/Urumqi");
    } finally {
      await far.close();
    }
    expect(await pageScript()).toMatch(/timeZone: zone/);
  });

  it("keeps the header within a phone's width and the newest message in view when a picture arrives", async () => {
    const page = await pageScript();
    // The selects may shrink (min-width: 0) instead of the header scrolling sideways past the screen's edge.
    expect(page).not.toMatch(/overflow-x: auto/);
    expect(page).toMatch(/header select \{ min-width: 0;/);
    expect(page).toMatch(/img\.addEventListener\("load", \(\) => \{ if \(followLatest\) showLatest\(\); \}\)/);
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
