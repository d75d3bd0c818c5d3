import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** What a pilot estate ran into with ratings and states (#10), replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
const COUNTY = "g-lanling-staff";
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
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[];

async function resolvedByProperty() {
  await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
  await t.say(RESIDENTS, "u-liu", "附议 1");
  await t.say(RESIDENTS, "u-li", "派单 1 物业");
  await t.say(RESIDENTS, "u-sun", "办结 1 已更换灯泡");
}

async function closedUnrated() {
  await resolvedByProperty();
  t.clock.advance(73 * HOUR);
  await sweep(); // the reminder
  t.clock.advance(HOUR);
  await sweep();
  expect(await ticket()).toMatchObject({ status: "closed", rating: null });
}

describe("a rating after the automatic close (未评价)", () => {
  it("is recorded, said truthfully, and counts as rated", async () => {
    await closedUnrated();
    t.clock.advance(2 * 24 * HOUR);
    const [answer] = await t.say(RESIDENTS, "u-zhang", "评价 1 满意");
    expect(answer).toContain("已补记您对工单 #1 的评价（满意）");
    expect(answer).toContain("因未评价自动关闭");
    expect(answer).not.toContain("已经评价过了");
    const file = await ticket();
    expect(file).toMatchObject({ status: "closed", rating: "satisfied" });
    expect(file.history.at(-1)).toMatchObject({ type: "rated", note: "补评（自动关闭后）：满意" });
  });

  it("不满意 within the window reopens it with its handler; after the window, says when it was closed and how to go on", async () => {
    await closedUnrated();
    t.clock.advance(24 * HOUR);
    const [reopened] = await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 二楼还是黑");
    expect(reopened).toContain("已重新打开");
    expect(await ticket()).toMatchObject({ status: "assigned", assignee: { name: "孙物业" }, level: "estate", closedAt: null });

    await t.say(RESIDENTS, "u-sun", "办结 1 二楼也换好了");
    t.clock.advance(80 * HOUR);
    await sweep();
    t.clock.advance(8 * 24 * HOUR);
    const [late] = await t.say(RESIDENTS, "u-zhang", "评价 1 不满意");
    expect(late).toContain("因未评价自动关闭");
    expect(late).toContain("请@我重新反映");
    expect((await ticket()).status).toBe("closed");
  });
});

describe("the one-day rating reminder", () => {
  it("names only those who have not rated", async () => {
    await resolvedByProperty();
    await t.say(RESIDENTS, "u-liu", "评价 1 满意");
    t.clock.advance(24 * HOUR);
    expect(await sweep()).toMatchObject({ reminded: 1 });
    const reminder = (await timeline(RESIDENTS)).at(-1)!.text;
    expect(reminder).toContain("@张阿姨 工单 #1 已办结一天了");
    expect(reminder).not.toContain("刘大爷");
  });
});

describe("不满意", () => {
  it("sends the matter back to its handler at the same level; the level above is told and watches", async () => {
    await resolvedByProperty();
    const [reopened] = await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 二楼还是不亮");
    expect(reopened).toContain("已重新打开，交回 @孙物业 继续办理");
    expect(reopened).toContain("幸福社区会跟进督促");
    expect(await ticket()).toMatchObject({ status: "assigned", level: "estate", assignee: { name: "孙物业" }, rating: "unsatisfied" });
    const watch = (await timeline(COMMUNITY)).at(-1)!.text;
    expect(watch).toContain("工单 #1 居民不满意：二楼还是不亮");
    expect(watch).toContain("已退回经办人 孙物业重新办理");
  });
});

describe("prompts name the step that is possible next", () => {
  it("the daily chase at the county asks to accept a ticket not yet accepted, not to 办结 it", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    for (let i = 0; i < 3; i++) await t.say(COMMUNITY, "u-li", "升级 1 需要上级协调");
    expect(await ticket()).toMatchObject({ level: "county", status: "reported" });
    t.clock.set(new Date(new Date((await ticket()).resolveDueAt).getTime() + 60_000));
    expect(await sweep()).toMatchObject({ chased: 1 });
    const chase = (await timeline(COUNTY)).filter((entry) => entry.text.includes("已超过办结时限")).at(-1)!.text;
    expect(chase).toContain("请先受理：发「受理 1」");
    expect(chase).not.toContain("办好后发「办结 1");
  });
});

describe("a complaint about the property company itself", () => {
  it("cannot be rejected or closed by 物业; a secretary may", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 物业保安天天在岗亭睡觉，物业费白交了");
    await t.say(RESIDENTS, "u-li", "改类 1 物业");
    // Not to the property company itself (#18): the grid worker takes it.
    await t.say(RESIDENTS, "u-li", "派单 1 王网格");
    expect((await t.say(RESIDENTS, "u-sun", "驳回 1 保安没有睡觉"))[0]).toContain("需要书记或上级部门来操作");
    expect((await t.say(RESIDENTS, "u-sun", "办结 1 已批评教育"))[0]).toContain("需要书记或上级部门来操作");
    expect((await ticket()).status).toBe("assigned");
    expect((await t.say(RESIDENTS, "u-li", "办结 1 已约谈物业经理，保安已调换"))[0]).toContain("已办结");
  });
});

describe("我的 for staff", () => {
  it("lists what is assigned to them besides what they reported", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    await t.say(RESIDENTS, "u-li", "派单 1 物业");
    const [mine] = await t.say(RESIDENTS, "u-sun", "我的");
    expect(mine).toContain("#1 办理中");
    expect(mine).toContain("由您经办");
  });
});

describe("a 办结 that only says someone was told", () => {
  it("is not recorded as fixed: the real result is asked for", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    const [answer] = await t.say(RESIDENTS, "u-li", "办结 1 已通知物业换灯");
    expect(answer).toContain("还不是办理结果");
    expect(answer).toContain("派单 1 物业");
    expect(await ticket()).toMatchObject({ status: "accepted", outcome: null });
    expect((await t.say(RESIDENTS, "u-li", "办结 1 已联系物业，现已更换灯泡"))[0]).toContain("已办结（已解决）");
  });
});
