import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { runMeetingReminders } from "../../../src/features/meetings/jobs.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** What a second pilot ran into with meetings (#18), replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
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
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[];

describe("places that start with a number (#18)", () => {
  it("are read whole, and the time keeps its minutes", async () => {
    const [first] = await t.say(RESIDENTS, "u-li", "新建议事会 下周六上午10点 10栋架空层 垃圾分类");
    expect(first).toContain("时间：12月5日（周六）10:00");
    expect(first).toContain("地点：10栋架空层");
    const [second] = await t.say(RESIDENTS, "u-li", "新建议事会 12月20日19:30 5号楼一楼会议室 电梯加装");
    expect(second).toContain("12月20日（周日）19:30");
    expect(second).toContain("地点：5号楼一楼会议室");
  });
});

describe("a meeting that ends without deciding a matter (#18)", () => {
  it("sends it back to its clock, tells the secretary, and lets it go on the next meeting", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼旁边想装充电桩，大家充电太难了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "上会 1");
    await t.say(RESIDENTS, "u-li", "新建议事会 11月27日19:30 社区活动室 充电桩");
    const waiting = await ticket();
    const markedAt = waiting.history.find((event: { type: string }) => event.type === "marked_for_meeting").at;
    expect((await t.say(RESIDENTS, "u-zhang", "进度 1"))[0]).toContain("待上会");

    // The meeting is held; nobody records a decision on item 1.
    t.clock.set(local("2026-11-27T22:29"));
    expect(await runMeetingReminders(t.bot.deps, t.clock.now())).toMatchObject({ returned: 0 });
    t.clock.set(local("2026-11-28T09:00"));
    expect(await runMeetingReminders(t.bot.deps, t.clock.now())).toMatchObject({ returned: 1 });
    expect(await runMeetingReminders(t.bot.deps, t.clock.now())).toMatchObject({ returned: 0 });

    const back = await ticket();
    expect(back.history.at(-1)).toMatchObject({ type: "meeting_released", note: "议事会 #1 未作决议，恢复办结计时" });
    // The clock kept the time it had left when it was marked, counted from the meeting's end.
    const paused = local("2026-11-27T22:30").getTime() - new Date(markedAt).getTime();
    expect(new Date(back.resolveDueAt).getTime()).toBe(new Date(waiting.resolveDueAt).getTime() + paused);
    const told = (await timeline(COMMUNITY)).at(-1)!.text;
    expect(told).toContain("议事会 #1 第1项（工单 #1");
    expect(told).toContain("没有作出决议");
    expect(told).toContain("「上会 1」");
    expect((await t.say(RESIDENTS, "u-zhang", "进度 1"))[0]).not.toContain("待上会");

    // The sweep chases it again once its deadline passes.
    t.clock.set(new Date(new Date(back.resolveDueAt).getTime() + 60_000));
    const swept = await runSlaSweep(t.bot.deps, t.clock.now());
    expect(swept.escalated + swept.chased).toBeGreaterThan(0);

    // And the secretary may put it on the next meeting.
    expect((await t.say(RESIDENTS, "u-li", "上会 1"))[0]).toContain("已列入议事会议题，会在下次议事会上和大家商量");
  });
});

describe("公示 (#18)", () => {
  it("publishes each decision once, unless asked to repeat", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 11月25日10:30 社区活动室 楼道堆物");
    await t.say(RESIDENTS, "u-li", "议题 1 楼道堆物整治");
    await t.say(RESIDENTS, "u-li", "议题 1 电动车充电");
    t.clock.set(local("2026-11-25T11:00"));
    await t.say(RESIDENTS, "u-zhou", "决议 1 1 每月第一个周六集中清理楼道");
    expect((await t.say(RESIDENTS, "u-zhou", "公示 1"))[0]).toContain("📋 议事会 #1 结果公示");
    const [again] = await t.say(RESIDENTS, "u-zhou", "公示 1");
    expect(again).not.toContain("📋");
    expect(again).toContain("已于11月25日 11:00公示过");
    expect(again).toContain("「公示 1 再发」");
    t.clock.set(local("2026-11-25T11:20"));
    await t.say(RESIDENTS, "u-zhou", "决议 1 2 电动车统一到充电棚充电");
    const [supplement] = await t.say(RESIDENTS, "u-zhou", "公示 1");
    expect(supplement).toContain("结果补充公示");
    expect(supplement).toContain("电动车统一到充电棚充电");
    expect(supplement).not.toContain("集中清理楼道");
    const [repeated] = await t.say(RESIDENTS, "u-zhou", "公示 1 再发");
    expect(repeated).toContain("📋 议事会 #1 结果公示");
    expect(repeated).toContain("集中清理楼道");
    expect(repeated).toContain("电动车统一到充电棚充电");
  });
});
