import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { runMeetingReminders } from "../../../src/features/meetings/jobs.ts";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

/** What a tester ran into after #18's fixes, replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as any[];
const botTexts = async (groupId: string) => (await timeline(groupId)).filter((message) => !message.userId).map((message) => message.text as string);

describe("reports from different places are different matters", () => {
  it("does not join a report at 二期12号楼 to one at the east gate", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 小区东门垃圾桶满了");
    const [answer] = await t.say(RESIDENTS, "u-liu", "@议事助手 2期12号楼垃圾桶满了没人清理");
    expect(answer).toContain("已登记工单 #2");
  });

  it("does not take B区5栋 for the 5栋 the same person reported", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    const [answer] = await t.say(RESIDENTS, "u-chen", "@议事助手 B区5栋楼道灯坏了");
    expect(answer).toContain("已登记工单 #2");
  });

  it("still joins the same place written another way (5栋, 5号楼)", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    const [answer] = await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼楼道灯坏了");
    expect(answer).toContain("已为您附议");
  });
});

describe("the property company is never asked to rate", () => {
  it("asks no one to rate the property company's own report: staff 回访 it, told in the work group", async () => {
    await t.say(RESIDENTS, "u-sun", "@议事助手 3号楼楼道灯坏了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    const [closed] = await t.say(COMMUNITY, "u-wang", "办结 1 已更换");
    expect(closed).toContain("回访 1 满意");
    const residents = (await botTexts(RESIDENTS)).join("\n");
    expect(residents).toContain("工单 #1 已办结");
    expect(residents).not.toContain("@孙物业 请评价");
    expect(residents).not.toContain("回访");
    const [points] = await t.say(RESIDENTS, "u-sun", "积分");
    expect(points).not.toContain("反映问题被受理");
  });

  it("leaves the property company out of the raters when it seconded a resident's report", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道里有股怪味");
    await t.say(RESIDENTS, "u-sun", "附议 1");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已清理楼道");
    const residents = (await botTexts(RESIDENTS)).join("\n");
    expect(residents).toContain("@陈先生 请评价");
    expect(residents).not.toContain("@孙物业");
  });
});

describe("residents read plain words, staff read the instructions", () => {
  it("tells the work group, not the residents, to 回访 a 代报 without its author", async () => {
    await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-li", text: "@议事助手 代报", quote: { text: "5号楼电梯按钮坏了" } },
    });
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(RESIDENTS, "u-li", "办结 1 已修好");
    const residents = (await botTexts(RESIDENTS)).join("\n");
    expect(residents).toContain("工单 #1 已办结（已解决）：已修好");
    expect(residents).not.toContain("回访");
    expect((await botTexts(COMMUNITY)).at(-1)).toContain("回访 1 满意");
  });

  it("says an outcome once: 无法解决 and 转办 are not repeated before the result", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 6号楼楼顶漏水");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    const [closed] = await t.say(RESIDENTS, "u-wang", "办结 1 无法解决：需业委会动用维修基金");
    expect(closed).toContain("已办结（无法解决）：需业委会动用维修基金");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 小区门口有人摆摊占道");
    await t.say(COMMUNITY, "u-wang", "受理 2");
    const [transferred] = await t.say(RESIDENTS, "u-wang", "办结 2 转办 城管局：占道经营归城管");
    expect(transferred).toContain("已办结（已转交城管局办理）：占道经营归城管");
  });
});

describe("meeting instructions are for staff", () => {
  const local = (iso: string) => new Date(`${iso}:00+08:00`);

  it("上会 and 决议 typed in the residents' group read plainly there; the work group is told what to do", async () => {
    await t.say(RESIDENTS, "u-liu", "@议事助手 小区里想装充电桩，大家商量一下");
    const [marked] = await t.say(RESIDENTS, "u-li", "上会 1");
    expect(marked).not.toContain("计时");
    expect((await botTexts(COMMUNITY)).at(-1)).toContain("暂停办结计时");
    await t.say(RESIDENTS, "u-li", "新建议事会 11月25日10:30 社区活动室 充电桩");
    t.clock.set(local("2026-11-25T11:00"));
    const [decided] = await t.say(RESIDENTS, "u-li", "决议 1 1 在2号楼旁装4个充电桩");
    expect(decided).toContain("已记录议事会 #1 第1项决议");
    expect(decided).not.toContain("「公示 1」");
    expect((await botTexts(COMMUNITY)).at(-1)).toContain("「公示 1」");
  });

  it("chases the chair to publish in the work group, not in the residents' group", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 11月25日10:30 社区活动室 楼道堆物");
    await t.say(RESIDENTS, "u-li", "议题 1 楼道堆物整治");
    t.clock.set(local("2026-11-25T11:00"));
    await t.say(RESIDENTS, "u-li", "决议 1 1 每月第一个周六集中清理楼道");
    t.clock.set(local("2026-11-26T12:00"));
    expect(await runMeetingReminders(t.bot.deps, t.clock.now())).toMatchObject({ publicationsChased: 1 });
    expect((await botTexts(RESIDENTS)).join("\n")).not.toContain("请主持人发「公示 1」");
    expect((await botTexts(COMMUNITY)).at(-1)).toContain("请主持人发「公示 1」");
  });
});

describe("one ticket is one agenda item", () => {
  it("refuses to put a ticket on a meeting's agenda twice, saying which item it is", async () => {
    await t.say(RESIDENTS, "u-liu", "@议事助手 小区里想装充电桩，大家商量一下");
    await t.say(RESIDENTS, "u-li", "上会 1");
    await t.say(RESIDENTS, "u-li", "新建议事会 11月30日19:30 社区活动室 充电桩");
    const [again] = await t.say(RESIDENTS, "u-li", "议题 1 工单1");
    expect(again).toBe("工单 #1 已是议事会 #1 的第1项议题，不用重复列入。");
  });
});

describe("alerts reach someone", () => {
  it("@-s the responsible staff of the work group with a red alert", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 8号楼2单元有人被困电梯里了");
    const alert = await tables(t.database.db).botPost.findFirstOrThrow({ where: { groupId: COMMUNITY, kind: "notice", ticketNumber: 1 } });
    expect(alert.text).toContain("新工单 #1");
    expect(JSON.parse(alert.mentions).length).toBeGreaterThan(0);
  });
});

describe("a follow-up answers the ticket it names", () => {
  it("answers about the closed 楼顶漏水 ticket, not the open 楼道灯 one, and says how it ended", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 6号楼楼顶漏水，家里天花板湿了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 无法解决：需业委会动用维修基金");
    await t.say(RESIDENTS, "u-chen", "评价 1 基本满意");
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    const [answer] = await t.say(RESIDENTS, "u-chen", "@议事助手 我上周反映的楼顶漏水修好了吗");
    expect(answer).toContain("工单 #1");
    expect(answer).not.toContain("工单 #2");
    expect(answer).toContain("已于");
    expect(answer).toContain("关闭（无法解决");
    expect(answer).toContain("会重新登记");
  });

  it("asks which, by number, when the question names none of the sender's matters", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼电梯坏了");
    const [answer] = await t.say(RESIDENTS, "u-chen", "@议事助手 我反映的下水道堵了修好了吗");
    expect(answer).toContain("是哪一件");
    expect(answer).toContain("#1");
    expect(answer).toContain("#2");
  });
});

describe("进度 says a lapsed deadline is past", () => {
  it("shows 已超期 for an accept-by already past", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5栋楼道灯坏了");
    t.clock.set("2026-11-26T02:00:00Z");
    const [progress] = await t.say(RESIDENTS, "u-chen", "进度 1");
    expect(progress).toContain("已超期");
  });
});

describe("a bare rating word", () => {
  it("rates the matter still open to rating, not one auto-closed days ago", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼电梯按钮坏了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已修好");
    t.clock.advance(25 * 3_600_000);
    await runSlaSweep(t.bot.deps, t.clock.now());
    t.clock.advance(72 * 3_600_000);
    await runSlaSweep(t.bot.deps, t.clock.now());
    expect((await t.ticket(1)).status).toBe("closed");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯坏了");
    await t.say(COMMUNITY, "u-wang", "受理 2");
    await t.say(COMMUNITY, "u-wang", "办结 2 已更换灯泡");
    const [answer] = await t.say(RESIDENTS, "u-zhang", "@议事助手 满意");
    expect(answer).toContain("工单 #2 已关闭");
    expect((await t.ticket(2)).rating).toBe("satisfied");
  });

  it("says nothing awaits a rating when nothing does", async () => {
    const [answer] = await t.say(RESIDENTS, "u-liu", "@议事助手 基本满意");
    expect(answer).toContain("没有等待评价的工单");
  });
});

describe("@ only those it reaches", () => {
  it("writes 孙物业 without @ in the work group he is not in, with @ in the residents' group", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道灯坏了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    const [here] = await t.say(COMMUNITY, "u-wang", "派单 1 孙物业");
    expect(here).toContain("已派给 孙物业 办理");
    expect((await botTexts(RESIDENTS)).at(-1)).toContain("已派给 @孙物业 办理");
  });

  it("never puts @ before a department", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 楼下超市卖过期食品");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "派单 1 市场监管");
    expect((await botTexts(RESIDENTS)).join("\n")).not.toContain("@市场监管");
  });
});

describe("a reopened matter in plain words", () => {
  it("says who carries on and who follows it up, without 经办单位 or 督办", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道灯坏了");
    await t.say(RESIDENTS, "u-wang", "受理 1");
    await t.say(RESIDENTS, "u-wang", "办结 1 已更换灯泡");
    const [reopened] = await t.say(RESIDENTS, "u-chen", "评价 1 不满意 还是不亮");
    expect(reopened).toContain("已重新打开");
    expect(reopened).not.toContain("经办单位");
    expect(reopened).not.toContain("督办");
  });
});

describe("reminders and refusals say what is true", () => {
  const local = (iso: string) => new Date(`${iso}:00+08:00`);

  it("states the time really left when the 2-hour reminder goes out 1½ hours before", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 11月30日19:30 社区活动室 充电桩");
    t.clock.set(local("2026-11-30T18:00"));
    await runMeetingReminders(t.bot.deps, t.clock.now());
    const reminder = (await botTexts(RESIDENTS)).at(-1)!;
    expect(reminder).toContain("还有1小时30分钟召开");
  });

  it("tells the property company who rates a ticket it follows: the residents", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道灯坏了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已更换");
    const [refused] = await t.say(RESIDENTS, "u-sun", "评价 1 满意");
    expect(refused).not.toContain("只有反映人本人");
    expect(refused).toContain("居民");
    expect(refused).not.toContain("书记、网格员来做");
  });
});

describe("a red danger is never turned away", () => {
  it("refuses 驳回 of a red self-harm ticket and says how to close it", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼有人站在楼顶说要跳楼");
    expect((await t.ticket(1)).colour).toBe("red");
    const [refused] = await t.say(COMMUNITY, "u-wang", "驳回 1 不归我们管");
    expect(refused).toContain("不能驳回");
    expect((await t.ticket(1)).status).not.toBe("rejected");
  });
});

describe("积分 奖励 from the work group", () => {
  it("finds the resident in the estates the staff member serves", async () => {
    const [answer] = await t.say(COMMUNITY, "u-li", "积分 奖励 刘大爷 5 调解邻里纠纷");
    expect(answer).not.toContain("找不到");
    expect(answer).toContain("刘大爷");
    const [balance] = await t.say(RESIDENTS, "u-liu", "积分");
    expect(balance).toContain("5");
  });
});

describe("the rating reminder", () => {
  it("never names the property company that seconded the matter", async () => {
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道里有股怪味");
    await t.say(RESIDENTS, "u-sun", "附议 1");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已清理楼道");
    t.clock.advance(25 * 3_600_000);
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ reminded: 1 });
    const reminder = (await botTexts(RESIDENTS)).at(-1)!;
    expect(reminder).toContain("@陈先生");
    expect(reminder).not.toContain("孙物业");
  });
});

describe("the 回访 reminder", () => {
  it("goes to the work group, not the residents' group", async () => {
    await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-li", text: "@议事助手 代报", quote: { text: "6号楼楼道灯不亮" } },
    });
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已换灯");
    t.clock.advance(25 * 3_600_000);
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ reminded: 1 });
    expect((await botTexts(COMMUNITY)).at(-1)).toContain("请回访反映人");
    expect((await botTexts(RESIDENTS)).join("\n")).not.toContain("请回访反映人");
  });
});
