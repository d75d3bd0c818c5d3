import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { labelCorrections } from "../../../src/store/corrections.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const RESIDENTS = "g-yangguang";
const STAFF = "g-xingfu-staff";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" }); // Monday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

const ticket = (number: number) => t.ticket(number);

async function ticketCount(): Promise<number> {
  return (await t.request("GET", "/api/tickets", { headers: auth })).body.total;
}

describe("a resident in danger", () => {
  it("is told what to do now before the ticket line, and the community's work group is alerted at once", async () => {
    const answer = (await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼电梯又坏了，困了一个老人在里面")).join("");
    expect(answer.indexOf("96333")).toBeGreaterThanOrEqual(0);
    expect(answer.indexOf("96333")).toBeLessThan(answer.indexOf("已登记工单"));
    expect(answer).toContain("🔴紧急");
    const staff = (await t.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages;
    expect(staff.at(-1).text).toContain("【红色·紧急】新工单 #1");
    expect(await ticket(1)).toMatchObject({ colour: "red", category: "safety", level: "community" });
  });

  it("who has fallen is told to call 120", async () => {
    const answer = (await t.say(RESIDENTS, "u-liu", "@议事助手 有个老人在小区里摔倒了 起不来")).join("");
    expect(answer.startsWith("🚨")).toBe(true);
    expect(answer).toContain("120");
  });

  it("is not raised for a scary word that is no danger now", async () => {
    const answer = (await t.say(RESIDENTS, "u-liu", "@议事助手 楼道里堆满了纸箱 一旦发生火灾跑都跑不出去")).join("");
    expect(answer).not.toContain("🚨");
    expect((await ticket(1)).colour).not.toBe("red");
  });
});

describe("messages that file nothing", () => {
  it("answers a follow-up with the status of the sender's own open matter", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元水管漏水了");
    t.clock.advance(2 * 86_400_000);
    const [status] = await t.say(RESIDENTS, "u-zhang", "@议事助手 我上周反映的水管修好了吗");
    expect(status).toContain("工单 #1｜待受理");
    expect(status).toContain("下一步");
    expect(await ticketCount()).toBe(1);
  });

  it("files a follow-up only the intent model saw when the sender has nothing open, so the matter is not lost", async () => {
    const [answer] = await t.say(RESIDENTS, "u-zhang", "@议事助手 催一下 那个车库灯的事 咋还没弄");
    expect(answer).toContain("已登记工单 #1");
    expect(await ticketCount()).toBe(1);
    const [status] = await t.say(RESIDENTS, "u-zhang", "@议事助手 催一下 那个车库灯的事 咋还没弄");
    expect(status).toContain("工单 #1｜");
    expect(await ticketCount()).toBe(1);
  });

  it("files a follow-up that tells of a danger now when none of the sender's open matters is about it", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼门口路灯不亮了");
    const answer = (await t.say(RESIDENTS, "u-zhang", "@议事助手 催一下 3号楼电梯里困着人 快半小时了还没人来")).join("");
    expect(answer).toContain("96333");
    expect(await ticket(2)).toMatchObject({ colour: "red", category: "safety" });
    const staff = (await t.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages;
    expect(staff.at(-1).text).toContain("【红色·紧急】新工单 #2");
  });

  it("lists the open matters when a follow-up fits several, and says so when there is none", async () => {
    const [none] = await t.say(RESIDENTS, "u-chen", "@议事助手 我报的那个事到哪一步了");
    expect(none).toContain("没有找到您正在办理中的工单");
    await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-chen", "@议事助手 小区东门的路灯不亮");
    const [list] = await t.say(RESIDENTS, "u-chen", "@议事助手 我报的那个事到哪一步了");
    expect(list).toContain("您正在办理中的工单有 2 件");
    expect(await ticketCount()).toBe(2);
  });

  it("says a short word to thanks and a hint to a greeting", async () => {
    expect(await t.say(RESIDENTS, "u-zhang", "@议事助手 谢谢 辛苦了")).toEqual(["不客气，有事随时 @我。"]);
    expect((await t.say(RESIDENTS, "u-zhang", "@议事助手 在吗"))[0]).toContain("有问题 @我 直接说");
    expect(await ticketCount()).toBe(0);
  });

  it("asks back about a mistyped command, with or without the @, and changes nothing", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(await t.say(RESIDENTS, "u-li", "@议事助手 授理 1")).toEqual(["您是想「受理 1」吗？确认的话请照这样再发一次。"]);
    expect(await t.say(RESIDENTS, "u-li", "派担 1 物业")).toEqual(["您是想「派单 1 物业」吗？确认的话请照这样再发一次。"]);
    expect((await ticket(1)).status).toBe("reported");
  });

  it("joins a paraphrase of an open matter in the same building instead of opening another", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const [joined] = await t.say(RESIDENTS, "u-liu", "@议事助手 3号楼楼道的灯坏了，晚上黑乎乎的");
    expect(joined).toContain("工单 #1");
    const [other] = await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼电梯坏了");
    expect(other).toContain("已登记工单 #2");
  });
});

describe("staff correct the bot's reading (改类 / 改色)", () => {
  it("changes the category, records it in the history and keeps it as a training example", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼下每天晚上有人唱歌到半夜");
    const before = (await ticket(1)).category;
    const [answer] = await t.say(RESIDENTS, "u-li", before === "noise" ? "改类 1 邻里纠纷" : "改类 1 噪音");
    expect(answer).toContain("类别已由");
    const after = await ticket(1);
    expect(after.category).not.toBe(before);
    expect(after.history.at(-1)).toMatchObject({ type: "corrected", actor: { name: "李书记" } });
    const examples = await labelCorrections(t.database.db);
    expect(examples).toEqual([expect.objectContaining({ ticketNumber: 1, field: "category", fromValue: before, toValue: after.category })]);
  });

  it("re-grades a ticket: the new colour's deadlines from now, and its starting level", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(await ticket(1)).toMatchObject({ colour: "yellow", level: "estate" });
    t.clock.advance(3_600_000);
    const [answer] = await t.say(STAFF, "u-wang", "改色 1 红");
    expect(answer).toContain("改为「红色·紧急」，转由社区处理");
    const after = await ticket(1);
    expect(after).toMatchObject({ colour: "red", level: "community", handlingUnitId: "sq-xingfu" });
    // Red: accept within 1 hour and resolve within 24, counted from the correction at 11:00.
    expect(after.acceptDueAt).toBe("2026-11-23T04:00:00.000Z");
    expect(after.resolveDueAt).toBe("2026-11-24T03:00:00.000Z");
    const residents = (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages;
    // Residents read what changes for them, not the grading (#18).
    expect(residents.at(-1).text).toContain("工单 #1 已按紧急事项办理，改由幸福社区负责");
  });

  it("refuses residents and the property company, and changes nothing", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    expect((await t.say(RESIDENTS, "u-liu", "改色 1 红"))[0]).toContain("只有本小区的书记、网格员、话事员或部门工作人员");
    expect((await t.say(RESIDENTS, "u-sun", "改色 1 蓝"))[0]).toContain("只有本小区的书记、网格员、话事员或部门工作人员");
    expect((await t.say(RESIDENTS, "u-li", "改类 1 火星"))[0]).toContain("没有「火星」这个类别");
    expect((await t.say(RESIDENTS, "u-li", "改色 1 紫"))[0]).toContain("用法：改色");
    expect(await ticket(1)).toMatchObject({ colour: "yellow", category: "repair" });
    expect(await labelCorrections(t.database.db)).toEqual([]);
  });
});
