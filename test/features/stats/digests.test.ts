import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addItem } from "../../../src/features/rewards/catalogue.ts";
import { postDailyDigest, postMonthlyDigest, postWeeklyDigest } from "../../../src/features/stats/digests.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[];

describe("scheduled digests", () => {
  it("post the daily list of new and overdue tickets to each work group, once a day", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say("g-lijing", "u-zhao", "@议事助手 2号楼门禁坏了");
    t.clock.set("2026-11-24T00:00:00Z"); // 08:00 the next morning: #1 and #2 missed their acceptance deadline
    expect(await postDailyDigest(t.bot.deps, t.clock.now())).toEqual({ posted: 3, alreadyPosted: 0 });
    expect(await postDailyDigest(t.bot.deps, t.clock.now())).toEqual({ posted: 0, alreadyPosted: 3 });
    const [community] = await timeline("g-xingfu-staff");
    expect(community!.text).toContain("幸福社区每日工单简报");
    expect(community!.text).toContain("近24小时新增 2 件");
    expect(community!.text).toContain("超期未办 2 件");
    expect((await timeline(RESIDENTS)).some((entry) => entry.text.includes("每日工单简报"))).toBe(false);
  });

  it("give each work group its own level's open matters once, and higher levels counts per unit below (#10)", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-liu", "@议事助手 5号楼门口下水道堵了");
    await t.say(RESIDENTS, "u-chen", "@议事助手 7号楼楼道灯不亮");
    await t.say("g-xingfu-staff", "u-li", "升级 2 需要社区协调");
    await t.say("g-xingfu-staff", "u-li", "升级 2 需要街道协调");
    await t.say(RESIDENTS, "u-li", "驳回 3 已由业主自行修好");
    t.clock.set("2026-11-24T00:00:00Z");
    await postDailyDigest(t.bot.deps, t.clock.now());
    const [community] = await timeline("g-xingfu-staff").then((entries) => entries.filter((entry) => entry.text.includes("每日工单简报")));
    expect(community!.text).toContain("本级待办 1 件");
    expect(community!.text.match(/#1 /g)).toHaveLength(1);
    expect(community!.text).not.toMatch(/#2 |#3 /);
    const [street] = await timeline("g-chengguan-staff").then((entries) => entries.filter((entry) => entry.text.includes("每日工单简报")));
    expect(street!.text).toContain("#2 待受理");
    expect(street!.text).toContain("· 幸福社区 1 件");
    expect(street!.text).not.toMatch(/#1 |#3 /);
    const [county] = await timeline("g-lanling-staff").then((entries) => entries.filter((entry) => entry.text.includes("每日工单简报")));
    expect(county!.text).toContain("本级没有待办工单");
    expect(county!.text).toContain("· 城关街道 1 件");
    expect(county!.text).not.toMatch(/#\d/);
  });

  it("list only the units below a work group, never the level a matter was escalated to (#18)", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say("g-xingfu-staff", "u-li", "升级 1 需要社区协调");
    await t.say("g-xingfu-staff", "u-li", "升级 1 需要街道协调");
    await t.say("g-chengguan-staff", "u-ma", "升级 1 需要县里协调");
    expect((await t.ticket(1)).handlingUnitId).toBe("xx-lanling");
    t.clock.set("2026-11-24T00:00:00Z");
    await postDailyDigest(t.bot.deps, t.clock.now());
    for (const groupId of ["g-xingfu-staff", "g-chengguan-staff"]) {
      const [digest] = (await timeline(groupId)).filter((entry) => entry.text.includes("每日工单简报"));
      expect(digest!.text).not.toContain("兰陵县");
      expect(digest!.text).not.toContain("下级在办");
    }
    const [county] = (await timeline("g-lanling-staff")).filter((entry) => entry.text.includes("每日工单简报"));
    expect(county!.text).toContain("#1 ");
  });

  it("count as overdue in the headline exactly the tickets it marks ⚠️ (#18)", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-liu", "@议事助手 5号楼门口下水道堵了");
    await t.say(RESIDENTS, "u-chen", "@议事助手 7号楼楼顶漏水");
    await t.say(RESIDENTS, "u-li", "受理 2");
    await t.say(RESIDENTS, "u-li", "上会 2");
    await t.say(RESIDENTS, "u-li", "受理 3");
    await t.say(RESIDENTS, "u-li", "上会 3");
    t.clock.set("2026-12-20T00:00:00Z"); // every deadline long past; #2 and #3 wait for a meeting
    await postDailyDigest(t.bot.deps, t.clock.now());
    const [digest] = (await timeline("g-xingfu-staff")).filter((entry) => entry.text.includes("每日工单简报"));
    const marked = digest!.text.split("\n").filter((line) => line.includes("⚠️已超期")).length;
    expect(marked).toBeGreaterThan(0);
    expect(digest!.text).toContain(`超期未办 ${marked} 件`);
  });

  it("post last week's 周研判 to work groups once", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    t.clock.set("2026-11-30T00:30:00Z"); // the next Monday morning
    expect((await postWeeklyDigest(t.bot.deps, t.clock.now())).posted).toBe(3);
    expect((await postWeeklyDigest(t.bot.deps, t.clock.now())).posted).toBe(0);
    const [weekly] = await timeline("g-xingfu-staff");
    expect(weekly!.text).toContain("幸福社区 · 上周周研判");
    expect(weekly!.text).toContain("收到诉求 1 件：待受理 1，已受理 0");
  });

  it("post the 月复盘 to work groups and the 晒单 with public figures only to residents' groups", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了，我电话13812345678");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "办结 1 已修好");
    await t.say(RESIDENTS, "u-zhang", "评价 1 满意");
    t.clock.set("2026-12-01T01:00:00Z");
    expect((await postMonthlyDigest(t.bot.deps, t.clock.now())).posted).toBe(5);
    const residents = (await timeline(RESIDENTS)).at(-1)!.text;
    expect(residents).toContain("阳光花园 · 2026年11月晒单");
    expect(residents).toContain("满意率 100.0%（1/1）");
    expect(residents).not.toMatch(/张阿姨|1381234|#1|按颜色/);
    const staff = (await timeline("g-xingfu-staff")).at(-1)!.text;
    expect(staff).toContain("幸福社区 · 2026年11月月复盘");
    expect(staff).toContain("按颜色：黄色 1");
    expect((await postMonthlyDigest(t.bot.deps, t.clock.now())).posted).toBe(0);
  });

  it("say in the 月复盘 what each estate's residents earned and spent in points last month (#23)", async () => {
    await addItem(
      t.database.db,
      "u-li",
      { unitId: "sq-xingfu", name: "大米", price: 4, stock: 5, monthlyLimit: null, activeFrom: null, activeUntil: null, partner: null, collectDays: 7 },
      t.clock.now(),
    );
    await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 10 调解邻里纠纷");
    await t.say(RESIDENTS, "u-liu", "兑换 大米 2");
    await t.say("g-lijing", "u-li", "积分 奖励 @赵女士 3 清扫楼道");
    t.clock.set("2026-12-01T01:00:00Z");
    await t.say(RESIDENTS, "u-li", "积分 奖励 @陈先生 5 组织清扫"); // December's: not in November's review
    await postMonthlyDigest(t.bot.deps, t.clock.now());
    const staff = (await timeline("g-xingfu-staff")).at(-1)!.text;
    expect(staff).toContain("红色小积分：\n· 阳光花园：获得 10 分，兑换 8 分\n· 丽景苑：获得 3 分，兑换 0 分");
    const residents = (await timeline(RESIDENTS)).at(-1)!.text;
    expect(residents).toContain("红色小积分：\n· 阳光花园：获得 10 分，兑换 8 分");
    expect(residents).not.toContain("丽景苑");
  });
});
