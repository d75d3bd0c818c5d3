import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { createLogger } from "../../../src/logger.ts";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { openDatabase } from "../../../src/store/database.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const HOUR = 3_600_000;
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" }); // Monday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

const sweep = () => runSlaSweep(t.bot.deps, t.clock.now());
const ticket = async (n = 1) => (await t.request("GET", `/api/tickets/${n}`, { headers: auth })).body.ticket;
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string; kind: string }[];
const at = (iso: string) => t.clock.set(new Date(iso));

const REPORTS = {
  red: "@议事助手 8号楼电梯困人了，快来人",
  orange: "@议事助手 小区门口夜市烧烤油烟太大",
  yellow: "@议事助手 3号楼楼道灯不亮了",
  blue: "@议事助手 请问高龄补贴怎么办理",
} as const;

describe("every colour's timeline: chased, escalated to the top, chased daily there", () => {
  for (const colour of ["red", "orange", "yellow", "blue"] as const) {
    it(`${colour}`, async () => {
      await t.say(RESIDENTS, "u-zhang", REPORTS[colour]);
      const first = await ticket();
      expect(first.colour).toBe(colour);

      // Before the acceptance deadline nothing happens.
      at(new Date(new Date(first.acceptDueAt).getTime() - 60_000).toISOString());
      expect(await sweep()).toMatchObject({ chased: 0, escalated: 0 });

      // Past it, the level's work group (the community's, for an estate without one) is chased once…
      at(new Date(new Date(first.acceptDueAt).getTime() + 60_000).toISOString());
      expect(await sweep()).toMatchObject({ chased: 1 });
      const chase = (await timeline("g-xingfu-staff")).filter((entry) => entry.text.includes("【督办】"));
      expect(chase).toHaveLength(1);
      expect(chase[0]!.text).toContain("已超过受理时限");
      // …and not again on the next sweep, only after the colour's interval.
      t.clock.advance(5 * 60_000);
      expect(await sweep()).toMatchObject({ chased: 0 });
      t.clock.advance({ red: 1, orange: 4, yellow: 4, blue: 8 }[colour] * HOUR);
      expect(await sweep()).toMatchObject({ chased: 1 });

      // Past each resolution deadline the ticket climbs one level, with fresh deadlines, until the county.
      const levels: string[] = [first.level];
      for (let guard = 0; guard < 4; guard++) {
        const current = await ticket();
        if (current.level === "county") break;
        at(new Date(new Date(current.resolveDueAt).getTime() + 60_000).toISOString());
        expect(await sweep()).toMatchObject({ escalated: 1 });
        const after = await ticket();
        levels.push(after.level);
        expect(new Date(after.resolveDueAt).getTime()).toBeGreaterThan(t.clock.now().getTime());
        expect(after.status).toBe("reported");
      }
      expect(levels).toEqual(
        colour === "red" || colour === "orange" ? ["community", "subdistrict", "county"] : ["estate", "community", "subdistrict", "county"],
      );
      const residents = await timeline(RESIDENTS);
      expect(residents.filter((entry) => entry.text.includes("因超过办结时限"))).toHaveLength(levels.length - 1);
      expect((await timeline("g-lanling-staff")).some((entry) => entry.text.includes("由街道升级至本级"))).toBe(true);

      // At the top it is chased daily.
      const top = await ticket();
      at(new Date(new Date(top.resolveDueAt).getTime() + 60_000).toISOString());
      expect(await sweep()).toMatchObject({ chased: 1, escalated: 0 });
      t.clock.advance(23 * HOUR);
      expect(await sweep()).toMatchObject({ chased: 0 });
      t.clock.advance(HOUR);
      expect(await sweep()).toMatchObject({ chased: 1 });
      const daily = (await timeline("g-lanling-staff")).filter((entry) => entry.text.includes("每日督办"));
      expect(daily).toHaveLength(2);
      const history = (await ticket()).history.map((event: { type: string; actor: { name: string } }) => `${event.type}:${event.actor.name}`);
      expect(history.filter((entry: string) => entry === "escalated:议事助手")).toHaveLength(levels.length - 1);
    });
  }
});

describe("notices are sent exactly once", () => {
  it("across a restart: a new process sweeping the same instant finds nothing left to do", async () => {
    await t.say(RESIDENTS, "u-zhang", REPORTS.yellow);
    at("2026-11-23T16:30:00Z");
    expect(await sweep()).toMatchObject({ chased: 1 });
    // A second bot on the same database file, as after a restart.
    const db = openDatabase(t.database.url);
    const restarted = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), ADMIN_TOKEN, t.clock.now);
    expect(await runSlaSweep(restarted.deps, t.clock.now())).toMatchObject({ chased: 0, escalated: 0 });
    await db.close();
    expect((await timeline("g-xingfu-staff")).filter((entry) => entry.text.includes("【督办】"))).toHaveLength(1);
  });

  it("across two concurrent sweeps", async () => {
    await t.say(RESIDENTS, "u-zhang", REPORTS.yellow);
    await t.say(RESIDENTS, "u-chen", "@议事助手 5号楼门禁坏了");
    at("2026-11-26T02:30:00Z"); // both past their resolution deadline
    const [a, b] = await Promise.all([sweep(), sweep()]);
    // Each ticket is escalated by one sweep; whether the other one saw it first (and skipped it) depends on
    // how the two interleave, so what the second one skipped is not asserted.
    expect(a.escalated + b.escalated).toBe(2);
    expect((await ticket(1)).history.filter((event: { type: string }) => event.type === "escalated")).toHaveLength(1);
    const residents = await timeline(RESIDENTS);
    expect(residents.filter((entry) => entry.text.includes("工单 #1 已升级至幸福社区"))).toHaveLength(1);
  });
});

describe("a sweep's lines for one group (#10)", () => {
  it("are batched into one post per group", async () => {
    for (const building of [1, 2, 3, 4, 5]) await t.say(RESIDENTS, "u-zhang", `@议事助手 ${building}号楼楼道灯不亮了`);
    for (const n of [1, 2, 3, 4, 5]) await t.say(RESIDENTS, "u-li", `受理 ${n}`);
    const before = (await timeline(RESIDENTS)).length;
    t.clock.set(new Date(new Date((await ticket(5)).resolveDueAt).getTime() + 60_000));
    expect(await sweep()).toMatchObject({ escalated: 5 });
    const posts = (await timeline(RESIDENTS)).slice(before);
    expect(posts).toHaveLength(1);
    for (const n of [1, 2, 3, 4, 5]) expect(posts[0]!.text).toContain(`工单 #${n} 已升级至幸福社区`);
    const staff = (await timeline("g-xingfu-staff")).filter((entry) => entry.text.includes("升级至本级"));
    expect(staff).toHaveLength(1);
  });
});

describe("satisfaction (满意评价)", () => {
  async function resolvedTicket() {
    await t.say(RESIDENTS, "u-zhang", REPORTS.yellow);
    await t.say(RESIDENTS, "u-liu", "附议 1");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "办结 1 已更换灯泡");
  }

  it("reminds the reporter and followers once after a day, and closes unrated after three days", async () => {
    await resolvedTicket();
    t.clock.advance(23 * HOUR);
    expect(await sweep()).toMatchObject({ reminded: 0 });
    t.clock.advance(HOUR);
    expect(await sweep()).toMatchObject({ reminded: 1 });
    const reminder = (await timeline(RESIDENTS)).at(-1)!;
    expect(reminder.text).toContain("@张阿姨 @刘大爷 工单 #1 已办结一天了");
    t.clock.advance(HOUR);
    expect(await sweep()).toMatchObject({ reminded: 0 });
    t.clock.advance(47 * HOUR);
    expect(await sweep()).toMatchObject({ autoClosed: 1 });
    expect(await ticket()).toMatchObject({ status: "closed", rating: null });
    expect((await timeline(RESIDENTS)).at(-1)!.text).toContain("记为未评价");
    // A late rating is recorded and said truthfully, no longer answered "已经评价过了" (#10).
    expect((await t.say(RESIDENTS, "u-zhang", "评价 1 满意"))[0]).toContain("已补记您对工单 #1 的评价");
  });

  it("records a follower's rating without closing the ticket; the reporter's decides", async () => {
    await resolvedTicket();
    expect((await t.say(RESIDENTS, "u-liu", "评价 1 不满意 还是黑"))[0]).toContain("对工单 #1 的评价（不满意）"); // 您 to residents (#18)
    expect((await ticket()).status).toBe("resolved");
    expect((await t.say(RESIDENTS, "u-chen", "评价 1 满意"))[0]).toContain("只有反映人本人可以评价");
    await t.say(RESIDENTS, "u-zhang", "评价 1 满意");
    const file = await ticket();
    expect(file.status).toBe("closed");
    expect(file.history.filter((event: { type: string }) => event.type === "rated").map((event: { note: string }) => event.note)).toEqual([
      "附议人评价：不满意：还是黑",
      "满意",
    ]);
  });
});
