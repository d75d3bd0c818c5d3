import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** What a pilot estate ran into with meetings (#10), replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-25T02:00:00Z" }); // Wednesday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

const local = (iso: string) => new Date(`${iso}:00+08:00`);
const ticket = async (n = 1) => (await t.request("GET", `/api/tickets/${n}`, { headers: auth })).body.ticket;
const meeting = async (n = 1) => (await t.request("GET", `/api/meetings/${n}`, { headers: auth })).body.meeting;

describe("上会 while a meeting is already scheduled", () => {
  it("puts the ticket on that meeting's agenda and says which", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论停车");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼旁边想装充电桩，大家充电太难了");
    const [marked] = await t.say(RESIDENTS, "u-li", "上会 1");
    expect(marked).toContain("已列入议事会 #1（12月5日（周六）19:30，社区活动室）第1项议题");
    expect((await meeting()).agenda).toEqual([expect.objectContaining({ ticketNumber: 1 })]);
    expect((await t.say(RESIDENTS, "u-li", "上会 1"))[0]).toContain("已在议事会议程上");
    // The meeting is cancelled: the ticket is free again and joins the next meeting created.
    await t.say(RESIDENTS, "u-li", "取消议事会 1 场地临时占用");
    const [next] = await t.say(RESIDENTS, "u-li", "新建议事会 12月12日19:30 社区活动室 讨论停车");
    expect(next).toContain("（工单 #1）");
  });
});

describe("a meeting's own steps before it starts", () => {
  it("refuses 签到, 决议 and 公示 with a reason; 签到 opens 30 minutes before", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论停车");
    await t.say(RESIDENTS, "u-li", "议题 1 停车位划线");
    t.clock.set(local("2026-11-27T10:00"));
    const [early] = await t.say(RESIDENTS, "u-zhou", "签到 1 张阿姨");
    expect(early).toContain("议事会 #1 还没开始，现在不能签到；12月5日 19:00起可以签到");
    expect((await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意划线"))[0]).toContain("还没开始，现在不能决议");
    expect((await t.say(RESIDENTS, "u-zhou", "公示 1"))[0]).toContain("还没开始，现在不能公示");
    expect((await t.say(RESIDENTS, "u-zhang", "积分"))[0]).toContain("您还没有积分");

    t.clock.set(local("2026-12-05T19:10"));
    expect((await t.say(RESIDENTS, "u-zhou", "签到 1 张阿姨"))[0]).toContain("张阿姨 已签到议事会 #1");
    expect((await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意划线"))[0]).toContain("还没开始");
    t.clock.set(local("2026-12-05T19:40"));
    expect((await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意划线"))[0]).toContain("已记录议事会 #1 第1项决议");
  });
});

describe("a ticket waiting on a meeting", () => {
  it("does not escalate while on the agenda, shows as 待上会, and its clock resumes after the decision", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论充电桩");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼旁边想装充电桩，大家充电太难了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "上会 1");
    const before = await ticket();
    t.clock.set(new Date(new Date(before.resolveDueAt).getTime() + 3_600_000));
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ escalated: 0 });
    expect(await ticket()).toMatchObject({ level: "estate" });
    expect((await t.say("g-xingfu-staff", "u-li", "待办"))[0]).toContain("#1 待上会");

    t.clock.set(local("2026-12-05T20:00"));
    await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意安装充电桩");
    const after = await ticket();
    const markedAt = new Date("2026-11-25T02:00:00Z").getTime();
    const paused = t.clock.now().getTime() - markedAt;
    expect(new Date(after.resolveDueAt).getTime()).toBe(new Date(before.resolveDueAt).getTime() + paused);
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ escalated: 0 });
  });
});

describe("a clash of place and time", () => {
  it("warns when a 例会 or a meeting falls within two hours of another at the same place", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:00 社区活动室 讨论停车");
    const [rule] = await t.say(RESIDENTS, "u-li", "例会 每月5日 19:30 社区活动室");
    expect(rule).toContain("已设定例会");
    expect(rule).toContain("⚠️ 场地冲突：社区活动室在12月5日（周六）19:00已有议事会 #1「讨论停车」");
    const [other] = await t.say(RESIDENTS, "u-li", "新建议事会 12月5日20:30 社区活动室 讨论绿化");
    expect(other).toContain("场地冲突");
    const [apart] = await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:00 小区凉亭 讨论绿化");
    expect(apart).not.toContain("场地冲突");
  });
});

describe("落实 by someone who may not", () => {
  it("names who may: the decision's owner or the group's moderator, secretary or grid worker", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论停车");
    await t.say(RESIDENTS, "u-li", "议题 1 停车位划线");
    t.clock.set(local("2026-12-05T19:40"));
    await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意划线 负责人:孙物业 期限:12月20日");
    const [refused] = await t.say(RESIDENTS, "u-zhang", "落实 1 1 已划好");
    expect(refused).toContain("该决议的负责人 孙物业");
    expect(refused).toContain("话事员、书记或网格员");
  });
});

describe("a cancelled meeting in the calendar", () => {
  it("carries STATUS:CANCELLED, not only the title", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论停车");
    await t.say(RESIDENTS, "u-li", "取消议事会 1 场地临时占用");
    const [answer] = await t.say(RESIDENTS, "u-zhang", "日历");
    const link = /http:\/\/localhost:3000(\/calendar\/groups\/[^\s]+)/.exec(answer!)![1]!;
    const ics = await (await fetch(`${t.baseUrl}${link}`)).text();
    expect(ics).toContain("STATUS:CANCELLED");
    expect(ics).toContain("【已取消】");
  });
});
