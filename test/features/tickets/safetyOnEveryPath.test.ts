import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { handleIncomingMessage } from "../../../src/features/handleMessage.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

// Issue 17: whoever writes about a danger reads what to do first, whatever path answers them; red pages
// the community and the sub-district, a possible danger only the community, marked ⚠️.
const RESIDENTS = "g-yangguang";
const COMMUNITY = "g-xingfu-staff";
const SUBDISTRICT = "g-chengguan-staff";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" }); // Monday 10:00 in Shanghai
});
afterEach(async () => {
  await t.close();
});

async function timeline(groupId: string): Promise<string[]> {
  return ((await t.request("GET", `/sandbox/groups/${groupId}/messages`)).body.messages as { text: string }[]).map((message) => message.text);
}

async function ticketCount(): Promise<number> {
  return (await t.request("GET", "/api/tickets", { headers: auth })).body.total;
}

describe("advice on every path", () => {
  it("a second resident reporting the same trapped people joins the ticket and is told to call 96333 first", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 9号楼电梯困人了 里面有两个老人");
    const joined = (await t.say(RESIDENTS, "u-liu", "@议事助手 9号楼电梯里困着人呢 赶紧来人")).join("\n");
    expect(joined).toContain("工单 #1");
    expect(joined).toContain("已为您附议");
    expect(joined.indexOf("96333")).toBeGreaterThanOrEqual(0);
    expect(joined.indexOf("96333")).toBeLessThan(joined.indexOf("工单 #1"));
    expect(await ticketCount()).toBe(1);
    // Saying it again gets the advice again, not only "already reported".
    const again = (await t.say(RESIDENTS, "u-liu", "@议事助手 9号楼电梯还困着人 快点")).join("\n");
    expect(again.startsWith("🚨")).toBe(true);
  });

  it("a 代报 of a danger, new or joining, starts with the advice", async () => {
    const quoted = (text: string, userId?: string) =>
      t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, { body: { userId: "u-li", text: "立案", quote: { text, ...(userId ? { userId } : {}) } } });
    const first = (await quoted("12号楼楼道里好大一股煤气味 越来越浓", "u-zhang")).body.replies[0].text as string;
    expect(first.startsWith("🚨 燃气泄漏")).toBe(true);
    expect(first).toContain("已代 张阿姨 登记工单 #1");
    const second = (await quoted("12号楼楼道煤气味很重 谁来看看")).body.replies[0].text as string;
    expect(second.startsWith("🚨 燃气泄漏")).toBe(true);
    expect(second).toContain("#1");
    expect(await ticketCount()).toBe(1);
  });

  it("a voice message about a danger is answered with the advice first, then what was heard", async () => {
    const handled = await handleIncomingMessage(t.bot.deps, {
      platform: "sandbox",
      messageId: "voice-1",
      chatId: RESIDENTS,
      userId: "u-chen",
      text: "3号楼楼顶站着个人 在边上走来走去",
      voice: true,
      addressed: true,
      knownMembersOnly: true,
      ownPlatformTicketsOnly: true,
    });
    const [answer] = handled.replies;
    expect(answer?.startsWith("🚨 有人在楼顶或高处边缘")).toBe(true);
    expect(answer).toContain("110");
    expect(answer).toContain("3号楼楼顶站着个人");
    expect((await t.ticket(1)).colour).toBe("red");
  });

  it("a photo with words about a danger is filed with the advice first", async () => {
    const png = readFileSync(new URL("../../fixtures/media/lamp.png", import.meta.url));
    const response = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "@议事助手 5号楼配电箱在冒火花 滋滋响", images: [`data:image/png;base64,${png.toString("base64")}`] },
    });
    const answer = response.body.replies[0].text as string;
    expect(answer.startsWith("🚨 漏电危险")).toBe(true);
    expect(answer).toContain("已登记工单 #1");
    expect(answer).toContain("照片");
  });

  it("a follow-up that names a danger still happening is told what to do before where the matter stands", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 7号楼1单元电梯卡住了 我孙子在里面");
    const status = (await t.say(RESIDENTS, "u-zhang", "@议事助手 我报的电梯怎么还没人来 孩子还困在里面")).join("\n");
    expect(status.startsWith("🚨 被困电梯")).toBe(true);
    expect(status).toContain("工单 #1");
    expect(await ticketCount()).toBe(1);
  });
});

describe("two tiers for staff", () => {
  it("red alerts the community and the sub-district at once", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 8号楼有户人家里烧着炭盆 人叫不醒了");
    expect((await timeline(COMMUNITY)).at(-1)).toContain("【红色·紧急】新工单 #1");
    expect((await timeline(SUBDISTRICT)).at(-1)).toContain("【红色·紧急】新工单 #1");
  });

  it("a possible danger is advised as a precaution, marked ⚠️ for the community, and pages no sub-district", async () => {
    const answer = (await t.say(RESIDENTS, "u-liu", "@议事助手 4号楼2单元楼道有股怪味 好像是燃气漏了 不太确定")).join("\n");
    expect(answer.startsWith("⚠️ 如果正在发生")).toBe(true);
    expect(answer).toContain("开窗通风");
    expect((await t.ticket(1)).colour).not.toBe("red");
    const community = await timeline(COMMUNITY);
    expect(community.at(-1)).toContain("⚠️ 可能有险情（燃气泄漏）");
    expect(community.at(-1)).toContain("#1");
    expect(await timeline(SUBDISTRICT)).toEqual([]);
    const [todo] = await t.say(COMMUNITY, "u-wang", "待办");
    expect(todo).toContain("⚠️可能有险情｜#1");
  });

  it("改色 红 alerts the red work groups as a red report does; back from red says so in the same groups", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 6号楼门口的路灯不亮了");
    expect(await timeline(SUBDISTRICT)).toEqual([]);
    await t.say(RESIDENTS, "u-li", "改色 1 红");
    expect((await timeline(SUBDISTRICT)).at(-1)).toContain("工单 #1（阳光花园居民议事群）已由 李书记 改为紧急");
    expect((await timeline(COMMUNITY)).at(-1)).toContain("改为紧急");
    await t.say(RESIDENTS, "u-li", "改色 1 黄");
    expect((await timeline(SUBDISTRICT)).at(-1)).toContain("从🔴紧急改为🟡");
    expect((await timeline(COMMUNITY)).at(-1)).toContain("不再按紧急处理");
  });
});

describe("what is not a problem files nothing and counts nowhere", () => {
  it("questions, gibberish and small talk are answered briefly; 统计 counts none of them", async () => {
    const answers = [];
    for (const text of [
      "@议事助手 你是人工还是机器人",
      "@议事助手 社区书记的电话多少",
      "@议事助手 xyz 789",
      "@议事助手 议事会一般啥时候开",
      "@议事助手 3Q",
      "@议事助手 亲 在么",
    ]) {
      answers.push((await t.say(RESIDENTS, "u-chen", text))[0]);
    }
    expect(answers[0]).toContain("机器人");
    expect(answers[1]).toContain("查不到电话");
    expect(answers[2]).toContain("没看懂");
    expect(answers[3]).toContain("近期还没有安排议事会");
    expect(answers[4]).toBe("不客气，有事随时 @我。");
    expect(answers[5]).toContain("有问题 @我 直接说");
    for (const answer of answers) expect(answer).not.toContain("居民可用");
    expect(await ticketCount()).toBe(0);
    expect((await t.say(COMMUNITY, "u-wang", "统计 本月"))[0]).toContain("收到诉求 0 件");
  });

  it("a meeting question is answered with the group's next meeting", async () => {
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装");
    const answer = (await t.say(RESIDENTS, "u-zhang", "@议事助手 议事会在哪里开 几点")).join("\n");
    expect(answer).toContain("社区活动室");
    expect(answer).toContain("充电桩安装");
    expect(answer).toContain("19:30");
  });

  it("a secretary announcing a meeting in words is shown the command, with her own words", async () => {
    const answer = (await t.say(RESIDENTS, "u-li", "@议事助手 本周五晚上8点在5号楼架空层开议事会，讨论一下停车位划线")).join("\n");
    expect(answer).toContain("要发布议事会，请发：新建议事会 本周五晚上8点 5号楼架空层 停车位划线");
    expect(await ticketCount()).toBe(0);
  });

  it("asking when someone comes about one's open repair answers with its status, files nothing", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了");
    const status = (await t.say(RESIDENTS, "u-zhang", "@议事助手 我的报修啥时候有人来修")).join("\n");
    expect(status).toContain("工单 #1");
    expect(await ticketCount()).toBe(1);
  });

  it("a report word at the start is a report even when a number follows, never a typo of another command", async () => {
    const answer = (await t.say(RESIDENTS, "u-zhang", "报修 15号楼门禁按了没反应")).join("\n");
    expect(answer).toContain("已登记工单 #1");
    expect(answer).not.toContain("您是想");
  });
});

describe("a danger inside a rating", () => {
  async function resolvedTicket() {
    await t.say(RESIDENTS, "u-chen", "@议事助手 5号楼电梯按钮失灵了");
    await t.say(COMMUNITY, "u-wang", "受理 1");
    await t.say(COMMUNITY, "u-wang", "办结 1 已更换按钮");
  }

  it("a bare 不满意 that says people are trapped now is a red report with its advice and alerts, not only a rating", async () => {
    await resolvedTicket();
    const answer = (await t.say(RESIDENTS, "u-chen", "@议事助手 不满意 5号楼电梯又困人了 里面有个老人 快来人")).join("\n");
    expect(answer.startsWith("🚨")).toBe(true);
    expect(answer).toContain("96333");
    expect(await ticketCount()).toBe(2);
    expect((await timeline(SUBDISTRICT)).join("\n")).toContain("#2");
  });

  it("a bare 不满意 that names a possible danger is taken as the rating, with the advice first", async () => {
    await resolvedTicket();
    const answer = (await t.say(RESIDENTS, "u-chen", "@议事助手 不满意 楼道里好像有点煤气味 不知道是不是我闻错了")).join("\n");
    expect(answer.startsWith("⚠️")).toBe(true);
    expect(answer).toContain("#1");
    expect(await ticketCount()).toBe(1);
  });
});
