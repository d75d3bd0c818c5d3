import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";

const YANGGUANG = "g-yangguang";

/** Says something in the sandbox quoting another message, as the page's 引用 button does (代报). */
async function sayQuoting(groupId: string, userId: string, text: string, quote: { text: string; userId?: string }): Promise<string[]> {
  const response = await t.request("POST", `/sandbox/groups/${groupId}/messages`, { body: { userId, text, quote } });
  expect(response.status).toBe(200);
  return response.body.replies.map((reply: { text: string }) => reply.text);
}

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

/** Three matters: #1 派单 by 李书记, 办结 by 孙物业 and rated 满意; #2 派单 and left open; #3 never touched. */
async function threeMatters() {
  await t.say(YANGGUANG, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
  await t.say(YANGGUANG, "u-zhang", "@议事助手 8号楼电梯按钮坏了");
  await t.say(YANGGUANG, "u-zhang", "@议事助手 5号楼门口垃圾没人清");
  await t.say(YANGGUANG, "u-li", "派单 1 物业");
  await t.say(YANGGUANG, "u-li", "派单 2 物业");
  await t.say(YANGGUANG, "u-sun", "办结 1 已更换灯泡");
  await t.say(YANGGUANG, "u-zhang", "评价 1 满意");
}

describe("the console's per-staff figures (人员统计)", () => {
  it("counts each staff member's 派单, 办结, 超期 and the ratings of what they resolved", async () => {
    await threeMatters();
    t.clock.advance(10 * 86_400_000); // #2 and #3 are past their deadlines now, reported in November
    const client = await signInAs(t, YANGGUANG, "u-li");
    const answer = await client.get("/console/api/stats/staff?unit=sq-xingfu&period=2026-11");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const byName = Object.fromEntries(answer.body.staff.map((row: any) => [row.name, row]));
    expect(byName["李书记"]).toMatchObject({ assigned: 2, resolved: 0, overdue: 0, revisited: 0, rated: 0, averageRating: null });
    expect(byName["孙物业"]).toMatchObject({ assigned: 0, resolved: 1, overdue: 1, rated: 1, averageRating: 3, satisfaction: 1 });
    // The resident who rated did no staff work: not a row.
    expect(Object.keys(byName).sort()).toEqual(["孙物业", "李书记"].sort());
    // Ordered by 办结.
    expect(answer.body.staff[0].name).toBe("孙物业");
  });

  it("opens on the board exactly the tickets a figure counts", async () => {
    await threeMatters();
    t.clock.advance(10 * 86_400_000);
    const client = await signInAs(t, YANGGUANG, "u-li");
    const { staff, period } = (await client.get("/console/api/stats/staff?unit=sq-xingfu&period=2026-11")).body;
    const range = `unit=sq-xingfu&from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const numbers = async (filters: string) => (await client.get(`/console/api/tickets?${range}&${filters}`)).body.tickets.map((row: any) => row.number);
    const li = staff.find((row: any) => row.name === "李书记");
    const sun = staff.find((row: any) => row.name === "孙物业");
    expect(await numbers(`staff=${li.memberId}&act=assigned`)).toEqual([2, 1]);
    expect(await numbers(`staff=${sun.memberId}&act=resolved`)).toEqual([1]);
    expect(await numbers(`staff=${sun.memberId}&act=holds&overdue=1`)).toEqual([2]);
    expect((await numbers(`staff=${sun.memberId}&act=holds&overdue=1`)).length).toBe(sun.overdue);
    expect((await client.get(`/console/api/tickets?staff=${sun.memberId}&act=praised`)).status).toBe(400);
  });

  it("counts nothing outside the period or the unit, and refuses a unit out of reach", async () => {
    await threeMatters();
    const property = await signInAs(t, YANGGUANG, "u-sun"); // staff of 阳光花园 only
    expect((await property.get("/console/api/stats/staff?unit=sq-xingfu")).status).toBe(404);
    const client = await signInAs(t, YANGGUANG, "u-li");
    expect((await client.get("/console/api/stats/staff?unit=xq-lijing&period=2026-11")).body.staff).toEqual([]);
    expect((await client.get("/console/api/stats/staff?unit=sq-xingfu&period=2026-10")).body.staff).toEqual([]);
    expect((await client.get("/console/api/stats/staff?unit=sq-xingfu&trend=week")).status).toBe(400);
  });

  it("counts a 代报's 回访 for who did it and its rating for who resolved it, and nothing for filing it", async () => {
    // 王网格 files two matters for residents; 李书记 派单 both to 物业, 孙物业 办结 both.
    expect((await sayQuoting(YANGGUANG, "u-wang", "@议事助手 立案", { text: "5号楼门口井盖松了，踩上去晃" }))[0]).toContain("#1");
    expect((await sayQuoting(YANGGUANG, "u-wang", "@议事助手 立案", { text: "2号楼垃圾桶满了没人清" }))[0]).toContain("#2");
    for (const n of [1, 2]) {
      await t.say(YANGGUANG, "u-li", `派单 ${n} 物业`);
      await t.say(YANGGUANG, "u-sun", `办结 ${n} 已处理`);
    }
    // #1 is confirmed by 李书记's 回访, #2 by 王网格's own.
    expect(await t.say(YANGGUANG, "u-li", "回访 1 满意")).toEqual([expect.stringContaining("计入满意率")]);
    expect(await t.say(YANGGUANG, "u-wang", "回访 2 基本满意")).toEqual([expect.stringContaining("计入满意率")]);

    const client = await signInAs(t, YANGGUANG, "u-li");
    const answer = await client.get("/console/api/stats/staff?unit=sq-xingfu&period=2026-11");
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    const byName = Object.fromEntries(answer.body.staff.map((row: any) => [row.name, row]));
    expect(Object.keys(byName).sort()).toEqual(["孙物业", "李书记", "王网格"].sort());
    expect(byName["李书记"]).toMatchObject({ assigned: 2, resolved: 0, revisited: 1, rated: 0, averageRating: null });
    expect(byName["王网格"]).toMatchObject({ assigned: 0, resolved: 0, revisited: 1, rated: 0, averageRating: null });
    expect(byName["孙物业"]).toMatchObject({ assigned: 0, resolved: 2, revisited: 0, rated: 2, averageRating: 2.5, satisfaction: 1 });

    // The board's drill-down opens the same tickets.
    const { period } = answer.body;
    const range = `unit=sq-xingfu&from=${encodeURIComponent(period.from)}&to=${encodeURIComponent(period.to)}`;
    const numbers = async (filters: string) => (await client.get(`/console/api/tickets?${range}&${filters}`)).body.tickets.map((row: any) => row.number);
    expect(await numbers(`staff=${byName["李书记"].memberId}&act=revisited`)).toEqual([1]);
    expect(await numbers(`staff=${byName["王网格"].memberId}&act=revisited`)).toEqual([2]);
    expect(await numbers(`staff=${byName["孙物业"].memberId}&act=resolved`)).toEqual([2, 1]);
    expect(await numbers(`staff=${byName["王网格"].memberId}&act=assigned`)).toEqual([]);
  });
});
