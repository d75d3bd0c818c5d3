import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../../src/store/database.ts";
import { addPoints, pointBalance } from "../../../src/store/points.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot();
});
afterEach(async () => {
  await t.close();
});

const ticketStatus = async (number: number) =>
  (await t.database.db.query.selectFrom("Ticket").select("status").where("number", "=", number).executeTakeFirstOrThrow()).status;
const balance = async (userId: string) => (await t.say(RESIDENTS, userId, "积分"))[0]!;

describe("participation points (红色小积分)", () => {
  it("award an accepted report once, and nothing for a duplicate", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-liu", "@议事助手 3号楼电梯又坏了"); // joins #1 as a follower
    await t.say(RESIDENTS, "u-li", "派单 1 物业"); // assigning a fresh ticket accepts it
    await t.say(RESIDENTS, "u-li", "升级 1");
    await t.say("g-xingfu-staff", "u-li", "受理 1"); // accepted again at the next level
    expect(await balance("u-zhang")).toContain("张阿姨的积分：可用 0 分，待确认 2 分");
    expect(await balance("u-zhang")).toContain("+2 反映问题被受理（工单 #1）");
    expect(await balance("u-liu")).toContain("您还没有积分");
  });

  it("take them back when the report is rejected or withdrawn, and give none for a report rejected at once", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "驳回 1 属于电梯公司维保合同范围");
    await t.say(RESIDENTS, "u-chen", "@议事助手 5号楼门禁坏了");
    await t.say(RESIDENTS, "u-li", "受理 2");
    await t.say(RESIDENTS, "u-chen", "撤回 2");
    await t.say(RESIDENTS, "u-liu", "@议事助手 7号楼楼顶漏水");
    await t.say(RESIDENTS, "u-li", "驳回 3 重复反映");
    expect(await balance("u-zhang")).toContain("张阿姨的积分：可用 0 分\n");
    expect(await balance("u-zhang")).toContain("-2 工单 #1 不予受理，收回积分\n");
    expect(await balance("u-chen")).toContain("陈先生的积分：可用 0 分\n");
    expect(await balance("u-liu")).toContain("您还没有积分");
  });

  it("let staff award points for a mediated dispute, within the limit, and show the estate's leaderboard", async () => {
    expect((await t.say(RESIDENTS, "u-zhang", "积分 奖励 刘大爷 5 调解邻里纠纷"))[0]).toContain("只有本单位的工作人员");
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 刘大爷 50 调解邻里纠纷"))[0]).toContain("每次奖励 1 到 20 分");
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 不存在的人 5 调解"))[0]).toContain("找不到「不存在的人」");
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 5 调解邻里纠纷"))[0]).toContain("已为 @刘大爷 奖励 5 分（调解邻里纠纷），可用 5 分。");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    const [board] = await t.say(RESIDENTS, "u-chen", "积分榜");
    expect(board).toBe("阳光花园积分榜：\n🥇 刘大爷 5 分\n🥈 张阿姨 2 分");
    expect((await t.say("g-lijing", "u-zhao", "积分榜"))[0]).toContain("丽景苑还没有人获得积分");
  });
});

describe("who may award points, and how many (#18)", () => {
  it("caps what one resident receives from staff in a month, from all staff together", async () => {
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 20 调解邻里纠纷"))[0]).toContain("可用 20 分。");
    expect((await t.say(RESIDENTS, "u-wang", "积分 奖励 @刘大爷 20 调解邻里纠纷"))[0]).toContain("本月获得的奖励积分已达上限（每人每月 20 分）");
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 20 调解邻里纠纷"))[0]).toContain("已达上限");
    expect(await balance("u-liu")).toContain("刘大爷的积分：可用 20 分\n");
    t.clock.set("2026-12-01T02:00:00Z"); // a new month
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 5 组织清扫"))[0]).toContain("可用 25 分。");
  });

  it("tells the staff who award what the resident may spend and what still waits for its report", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @张阿姨 3 帮忙搬东西"))[0]).toContain("已为 @张阿姨 奖励 3 分（帮忙搬东西），可用 3 分，待确认 2 分。");
  });

  it("gives staff nothing, lets the property company give nothing, and keeps staff off the residents' 积分榜", async () => {
    expect((await t.say(RESIDENTS, "u-li", "积分 奖励 @王网格 20 辛苦了"))[0]).toContain("王网格 是工作人员，积分只奖励居民");
    expect((await t.say(RESIDENTS, "u-wang", "积分 奖励 @李书记 20 辛苦了"))[0]).toContain("是工作人员");
    expect((await t.say(RESIDENTS, "u-sun", "积分 奖励 @刘大爷 5 帮忙搬东西"))[0]).toContain("物业不能奖励积分");
    // Points a staff member earned by reporting (or held from before) do not put them on the board.
    await t.say(RESIDENTS, "u-zhou", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "积分 奖励 @刘大爷 5 调解邻里纠纷");
    expect((await t.say(RESIDENTS, "u-chen", "积分榜"))[0]).toBe("阳光花园积分榜：\n🥇 刘大爷 5 分");
  });

  it("takes 签到 points back when the meeting is cancelled, as an entry of its own", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 11月23日10:20 社区活动室 垃圾分类");
    expect((await t.say(RESIDENTS, "u-zhou", "签到 1 @刘大爷"))[0]).toContain("刘大爷");
    expect(await balance("u-liu")).toContain("刘大爷的积分：可用 0 分，待确认 3 分");
    await t.say(RESIDENTS, "u-li", "取消议事会 1 场地临时占用");
    const after = await balance("u-liu");
    expect(after).toContain("刘大爷的积分：可用 0 分\n");
    expect(after).toContain("-3 议事会 #1 已取消，收回签到积分");
    expect(after).toContain("+3 参加议事会 #1");
  });
});

describe("points wait for their source (pending until settled)", () => {
  it("keeps a report's points pending until it is resolved, then lets them be spent; a later reopen and rejection takes nothing back", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    expect(await balance("u-zhang")).toMatch(/^张阿姨的积分：可用 0 分，待确认 2 分\n待确认的积分在反映的问题办结、议事会召开后才能兑换。\n最近：/);
    await t.say(RESIDENTS, "u-li", "办结 1 电梯已修复");
    expect(await balance("u-zhang")).toMatch(/^张阿姨的积分：可用 2 分\n最近：/);
    await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 还是坏的"); // reopened
    expect(await balance("u-zhang")).toMatch(/^张阿姨的积分：可用 2 分\n/);
    await t.say(RESIDENTS, "u-li", "驳回 1 属于电梯公司维保合同范围");
    expect(await ticketStatus(1)).toBe("rejected");
    const after = await balance("u-zhang");
    expect(after).toMatch(/^张阿姨的积分：可用 2 分\n/);
    expect(after).not.toContain("收回");
  });

  it("settles 签到 points once the meeting has started, when it can no longer be cancelled", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 11月23日10:20 社区活动室 垃圾分类");
    await t.say(RESIDENTS, "u-zhou", "签到 1 @刘大爷");
    expect(await balance("u-liu")).toContain("可用 0 分，待确认 3 分");
    t.clock.set("2026-11-23T02:20:00Z"); // 10:20 in Shanghai: it has started
    expect(await balance("u-liu")).toMatch(/^刘大爷的积分：可用 3 分\n/);
    expect((await t.say(RESIDENTS, "u-li", "取消议事会 1 场地临时占用"))[0]).toContain("已经开过了");
    expect(await balance("u-liu")).toMatch(/^刘大爷的积分：可用 3 分\n/);
  });

  it("caps a take-back at what the ledger holds when the points were spent before they waited, and says why", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    // Spent before this rule, when accepted points could be spent at once.
    await inTransaction(t.database.db, (tx) =>
      addPoints(tx, { memberId: "u-zhang", unitId: "xq-yangguang", points: -1, kind: "exchange", reason: "兑换 纸巾×1（取货码 K7PX）", at: t.clock.now() }),
    );
    await t.say(RESIDENTS, "u-li", "驳回 1 属于电梯公司维保合同范围");
    expect(await ticketStatus(1)).toBe("rejected");
    expect(await balance("u-zhang")).toContain("-1 工单 #1 不予受理，收回积分（应收回 2 分，其中 1 分此前已兑换用去，只收回 1 分）");
    expect(await pointBalance(t.database.db, "u-zhang")).toBe(0);
  });
});
