import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** Words and colours a pilot estate tripped over (#10), through the sandbox. */

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

describe("words people use", () => {
  it("reads 物管 as the property company", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 9号楼楼道灯不亮了");
    expect((await t.say(RESIDENTS, "u-li", "派单 1 物管"))[0]).toContain("已派给 @孙物业");
  });

  it("reuses the user's own ticket number in a usage hint", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 9号楼楼道灯不亮了");
    expect(await t.say(RESIDENTS, "u-li", "驳回 1")).toEqual(["用法：驳回 1 不属于本小区事务"]);
    expect((await t.say(RESIDENTS, "u-li", "办结 10"))[0]).toBe("用法：办结 10 已更换灯泡");
  });
});

describe("a routine complaint", () => {
  it("that something was not cleaned is yellow and stays at the estate", async () => {
    const [filed] = await t.say(RESIDENTS, "u-zhang", "@议事助手 8号楼楼下的垃圾桶满了没人清理");
    expect(filed).not.toMatch(/黄色|橙色/); // the colour is staff's grading (#18): read from the ticket below
    expect(filed).not.toContain("已通知");
    expect(await ticket()).toMatchObject({ colour: "yellow", level: "estate", category: "sanitation" });
  });
});
