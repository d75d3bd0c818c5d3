import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

/** What a second pilot ran into with ratings and status (#18), replayed through the sandbox. */

const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

const ticket = async (n = 1) => (await t.request("GET", `/api/tickets/${n}`, { headers: auth })).body.ticket;
const timeline = async (groupId: string) => (await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as any[];

async function resolvedWithFollower() {
  await t.say(RESIDENTS, "u-chen", "@议事助手 3号楼楼道里有股怪味");
  await t.say(RESIDENTS, "u-zhang", "附议 1");
  await t.say(COMMUNITY, "u-wang", "受理 1");
  return t.say(COMMUNITY, "u-wang", "办结 1 已清理楼道");
}

describe("everyone asked to rate may rate (#18)", () => {
  it("records a follower's 不满意 after the reporter's 满意 closed the ticket, and passes it on to the work group", async () => {
    const [asked] = await resolvedWithFollower();
    // 办结 in the work group is answered there with who was asked; the asking itself is in the residents' group.
    expect(asked).toContain("已请 陈先生、张阿姨 在居民群评价");
    expect((await timeline(RESIDENTS)).map((message) => message.text as string).join("\n")).toContain("@陈先生 @张阿姨 请评价");
    expect(await t.say(RESIDENTS, "u-chen", "评价 1 满意")).toEqual([expect.stringContaining("已关闭")]);
    const [answer] = await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 楼道里还是有味道");
    expect(answer).not.toContain("已经评价过了");
    expect(answer).toContain("已转告工作人员");
    const file = await ticket();
    expect(file).toMatchObject({ status: "closed", rating: "satisfied" });
    expect(file.history.at(-1)).toMatchObject({ type: "rated", actor: { name: "张阿姨" }, note: "附议人评价：不满意：楼道里还是有味道" });
    const relayed = (await timeline(COMMUNITY)).at(-1)!.text as string;
    expect(relayed).toContain("附议人 张阿姨 不满意：楼道里还是有味道");
    expect(await t.say(RESIDENTS, "u-zhang", "评价 1 满意")).toEqual([expect.stringContaining("已经评价过了")]);
  });
});

describe("one status word everywhere (#18)", () => {
  it("says plainly that a ticket nobody accepted cannot be rated yet", async () => {
    await t.say(RESIDENTS, "u-liu", "@议事助手 5号楼电梯按钮坏了");
    const [answer] = await t.say(RESIDENTS, "u-liu", "评价 1 满意");
    expect(answer).toBe("工单 #1 还没有办结（当前：待受理），办结后才能评价。");
  });

  it("进度, 我的 and 待办 give a ticket waiting for a meeting the same word", async () => {
    await t.say(RESIDENTS, "u-liu", "@议事助手 小区里想装充电桩，大家商量一下");
    await t.say(COMMUNITY, "u-li", "上会 1");
    const [progress] = await t.say(RESIDENTS, "u-liu", "进度 1");
    const [mine] = await t.say(RESIDENTS, "u-liu", "我的");
    const [todo] = await t.say(COMMUNITY, "u-wang", "待办");
    for (const answer of [progress, mine, todo]) expect(answer).toContain("待上会");
    expect(progress).not.toContain("待受理");
  });

  it("marks red tickets in 待办", async () => {
    await t.say(RESIDENTS, "u-liu", "@议事助手 5号楼电梯按钮坏了");
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元有人被困电梯里了");
    const [todo] = await t.say(COMMUNITY, "u-wang", "待办");
    expect(todo).toMatch(/🔴#2 /);
    expect(todo).not.toMatch(/🔴#1 /);
  });
});

describe("a bare rating word (#18)", () => {
  it("rates the one matter awaiting the sender's rating, with or without @", async () => {
    await resolvedWithFollower();
    expect(await t.say(RESIDENTS, "u-zhang", "基本满意")).toEqual([expect.stringMatching(/^收到.对工单 #1 的评价，谢谢！$/)]);
    expect(await t.say(RESIDENTS, "u-chen", "@议事助手 满意")).toEqual([expect.stringContaining("感谢评价（满意）！工单 #1 已关闭")]);
    expect(await ticket()).toMatchObject({ status: "closed", rating: "satisfied" });
  });

  it("takes the words after 不满意 as the reason, and reopens the reporter's matter", async () => {
    await resolvedWithFollower();
    const [answer] = await t.say(RESIDENTS, "u-chen", "@议事助手 不满意 楼道里还是有味道");
    expect(answer).toContain("已重新打开");
    const file = await ticket();
    expect(file).toMatchObject({ status: "accepted", ratingComment: "楼道里还是有味道" });
  });

  it("asks which, by number, when several await the sender's rating; chatter stays chatter", async () => {
    await resolvedWithFollower();
    await t.say(RESIDENTS, "u-chen", "@议事助手 5号楼电梯按钮坏了");
    await t.say(COMMUNITY, "u-wang", "受理 2");
    await t.say(COMMUNITY, "u-wang", "办结 2 已更换按钮");
    expect(await t.say(RESIDENTS, "u-chen", "满意")).toEqual(["您有 2 件工单等待评价（#2、#1），请带上编号，例如「评价 2 满意」。"]);
    expect(await t.say(RESIDENTS, "u-liu", "满意")).toEqual([]);
    expect(await t.say(RESIDENTS, "u-chen", "满意度调查什么时候做")).toEqual([]);
  });
});

describe("不满意 without a reason, as the card's button gives it (#18)", () => {
  it("asks for the reason, takes the reporter's next 不满意 words as it, and passes it on", async () => {
    await resolvedWithFollower();
    const [reopened] = await t.say(RESIDENTS, "u-chen", "评价 1 不满意"); // what the card's 不满意 button sends
    expect(reopened).toContain("已重新打开");
    expect(reopened).toContain("请说说哪里不满意：@我回复「不满意 + 意见」");
    const [recorded] = await t.say(RESIDENTS, "u-chen", "@议事助手 不满意，楼道里还是有味道");
    expect(recorded).toBe("已记下您对工单 #1 不满意的原因，工作人员会跟进，谢谢！");
    expect(await ticket()).toMatchObject({ status: "accepted", ratingComment: "楼道里还是有味道" });
    expect((await timeline(COMMUNITY)).at(-1)!.text).toContain("陈先生 补充不满意的原因：楼道里还是有味道");
  });

  it("takes a follower's reason after a bare 不满意", async () => {
    await resolvedWithFollower();
    expect((await t.say(RESIDENTS, "u-zhang", "评价 1 不满意"))[0]).toContain("发「评价 1 不满意 + 意见」");
    expect(await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 楼道里还是有味道")).toEqual(["已记下您对工单 #1 不满意的原因，工作人员会跟进，谢谢！"]);
    expect((await ticket()).history.at(-1)).toMatchObject({ type: "rated", note: "不满意的原因：楼道里还是有味道" });
  });
});
