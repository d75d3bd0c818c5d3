import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** The property company never certifies or shields its own work (#18), replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const ticket = async (n = 1) => (await t.request("GET", `/api/tickets/${n}`, { headers: auth })).body.ticket;

async function sayQuoting(groupId: string, userId: string, text: string, quote: { text: string; userId?: string }): Promise<string[]> {
  const response = await t.request("POST", `/sandbox/groups/${groupId}/messages`, { body: { userId, text, quote } });
  expect(response.status).toBe(200);
  return response.body.replies.map((reply: { text: string }) => reply.text);
}

describe("the property company and its own work (#18)", () => {
  it("never records a 回访 on a 代报 it closed itself", async () => {
    await sayQuoting(RESIDENTS, "u-li", "@议事助手 立案", { text: "小区绿化带杂草太高了" });
    await t.say(RESIDENTS, "u-sun", "受理 1");
    await t.say(RESIDENTS, "u-sun", "办结 1 已除草");
    expect((await ticket()).status).toBe("resolved");
    const [answer] = await t.say(RESIDENTS, "u-sun", "回访 1 满意 居民很满意");
    expect(answer).not.toContain("计入满意率");
    expect(answer).toContain("物业不能回访");
    expect(await ticket()).toMatchObject({ status: "resolved", rating: null });
    expect(await t.say(RESIDENTS, "u-li", "回访 1 满意")).toEqual([expect.stringContaining("计入满意率")]);
  });

  it("never accepts, assigns to itself, escalates, rejects or closes a complaint about its own service", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 物业服务态度太差，物业费乱收费");
    const before = await ticket();
    expect(before.category).toBe("property");
    for (const command of ["受理 1", "升级 1 物业说不归我们管", "驳回 1 不属实", "派单 1 孙物业"]) {
      const [answer] = await t.say(RESIDENTS, "u-sun", command);
      expect(answer, command).toMatch(/是对物业服务的投诉，.*物业.*不能/);
    }
    expect(await ticket()).toMatchObject({ status: "reported", level: before.level });
    expect(await t.say(RESIDENTS, "u-li", "派单 1 孙物业")).toEqual([expect.stringContaining("不能派给物业自己处理")]);
    expect(await t.say(RESIDENTS, "u-li", "派单 1 物业")).toEqual([expect.stringContaining("不能派给物业自己处理")]);
    await t.say(RESIDENTS, "u-li", "派单 1 王网格");
    expect(await ticket()).toMatchObject({ status: "assigned", assignee: { name: "王网格" } });
  });

  it("never closes a complaint about its own service by carrying out a meeting's decision (落实); the chair may", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 物业服务态度太差，物业费乱收费");
    expect((await ticket()).category).toBe("property");
    await t.say(RESIDENTS, "u-li", "上会 1");
    await t.say(RESIDENTS, "u-li", "新建议事会 11月27日19:30 社区活动室 物业服务");
    t.clock.set(new Date("2026-11-27T11:45:00Z"));
    expect(await t.say(RESIDENTS, "u-zhou", "决议 1 1 物业公开收费明细 负责人:孙物业 期限:12月20日")).toEqual([expect.stringContaining("孙物业")]);
    const [refused] = await t.say(RESIDENTS, "u-sun", "落实 1 1 已公开");
    expect(refused).toMatch(/是对物业服务的投诉，.*物业.*不能/);
    expect((await ticket()).status).not.toBe("resolved");
    expect(await t.say(RESIDENTS, "u-li", "落实 1 1 收费明细已在公告栏公开")).toEqual([expect.stringContaining("已落实")]);
    expect((await ticket()).status).toBe("resolved");
  });

  it("does its repairs and closes them, but never turns a repair away", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼道灯不亮了");
    expect((await ticket()).category).toBe("repair");
    expect(await t.say(RESIDENTS, "u-sun", "驳回 1 不归我们管")).toEqual([expect.stringContaining("物业不能驳回")]);
    await t.say(RESIDENTS, "u-li", "派单 1 物业");
    expect(await t.say(RESIDENTS, "u-sun", "办结 1 已更换灯泡")).toEqual([expect.stringContaining("已办结")]);
  });
});
