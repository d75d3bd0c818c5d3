import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

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

describe("a matter's whole life through the sandbox", () => {
  it("goes report → duplicate → accept → assign → resolve → unsatisfied → reopen → resolve → satisfied", async () => {
    const [filed] = await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了，电话13812345678");
    expect(filed).toContain("已登记工单 #1");
    expect(filed).toContain("物业维修");
    expect(filed).toContain("3号楼2单元");
    expect(filed).toContain("11月23日 23:59前受理");

    t.clock.advance(10 * 60_000);
    const [duplicate] = await t.say(RESIDENTS, "u-liu", "@议事助手 3号楼楼道灯坏了，黑乎乎的");
    expect(duplicate).toContain("工单 #1");
    expect(duplicate).toContain("共 2 人关注");

    t.clock.advance(30 * 60_000);
    expect((await t.say(RESIDENTS, "u-li", "受理 1"))[0]).toContain("工单 #1 已受理（李书记）");
    expect((await t.say(RESIDENTS, "u-li", "派单 1 物业"))[0]).toContain("已派给 @孙物业");

    t.clock.advance(3 * 3_600_000);
    const [resolved] = await t.say(RESIDENTS, "u-sun", "办结 1 已更换灯泡");
    expect(resolved).toContain("工单 #1 已办结（已解决）：已更换灯泡");
    expect(resolved).toContain("@张阿姨 @刘大爷 请评价"); // the reporter and the follower

    // 不满意 sends it back to its handler; the community is told and watches (#10).
    const [reopened] = await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 二楼还是不亮");
    expect(reopened).toContain("已重新打开，交回 @孙物业 继续办理");
    expect(await ticket(1)).toMatchObject({ status: "assigned", level: "estate", rating: "unsatisfied" });
    expect((await t.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages.at(-1).text).toContain("工单 #1 居民不满意");

    t.clock.advance(3_600_000);
    await t.say(RESIDENTS, "u-sun", "办结 1 二楼灯也换好了");
    const [closed] = await t.say(RESIDENTS, "u-zhang", "评价 1 满意");
    expect(closed).toContain("已关闭");

    const file = await ticket(1);
    expect(file).toMatchObject({ status: "closed", rating: "satisfied", outcome: "fixed", category: "repair", colour: "yellow", level: "estate" });
    expect(file.text).toContain("13812345678"); // the stored ticket keeps the original words
    expect(file.location).toEqual({ building: "3", unit: "2", room: null, text: "3号楼2单元" });
    expect(file.followers).toHaveLength(1);
    expect(file.history.map((event: { type: string }) => event.type)).toEqual([
      "reported",
      "followed",
      "accepted",
      "assigned",
      "resolved",
      "rated",
      "reopened",
      "resolved",
      "rated",
    ]);
    expect(file.history[2].actor.name).toBe("李书记");
    expect(file.acceptDueAt).toBe("2026-11-23T15:59:59.000Z");
    // The acceptance earned the reporter points, once; the matter resolved, they may be spent (nothing pending).
    expect((await t.say(RESIDENTS, "u-zhang", "积分"))[0]).toContain("张阿姨的积分：可用 2 分\n");
  });

  it("masks phone numbers in what the group reads", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了 联系我13812345678");
    const [progress] = await t.say(RESIDENTS, "u-zhang", "进度 1");
    expect(progress).toContain("138****5678");
    expect(progress).not.toContain("13812345678");
  });

  it("alerts the community and sub-district work groups at once about a red ticket", async () => {
    const [filed] = await t.say(RESIDENTS, "u-chen", "@议事助手 8号楼电梯困人了，快来人！");
    // Residents read that it is urgent, not the colour scheme (#18).
    expect(filed).toContain("🔴紧急");
    expect(filed).not.toContain("红色");
    expect(filed).toContain("已通知：城关街道工作群、幸福社区工作群");
    const street = await t.request("GET", "/sandbox/groups/g-chengguan-staff/messages");
    expect(street.body.messages[0].text).toContain("新工单 #1");
    const staff = await t.request("GET", `/sandbox/groups/${STAFF}/messages`);
    expect(staff.body.messages).toHaveLength(1);
    expect(staff.body.messages[0]).toMatchObject({ type: "bot", kind: "notice", ticketNumber: 1 });
    expect(staff.body.messages[0].text).toContain("请在11月23日 11:00前受理");
    expect((await ticket(1)).level).toBe("community");
  });

  it("tells the residents' group when staff act from the work group, and escalates with fresh deadlines", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 9号楼门口的井盖松了，车一过就响");
    t.clock.advance(3_600_000);
    await t.say(RESIDENTS, "u-li", "受理 1");
    const [toCommunity] = await t.say(RESIDENTS, "u-li", "升级 1 物业说不归他们管");
    expect(toCommunity).toContain("已升级至幸福社区");
    expect(toCommunity).not.toContain("（社区）"); // residents read the unit, not the level (#18)
    const staff = (await t.request("GET", `/sandbox/groups/${STAFF}/messages`)).body.messages;
    expect(staff.at(-1).text).toContain("工单 #1 由小区升级至本级");
    expect(staff.at(-1).text).toContain("物业说不归他们管");

    t.clock.advance(24 * 3_600_000);
    const [toSubdistrict] = await t.say(STAFF, "u-wang", "升级 1 需要街道协调市政");
    expect(toSubdistrict).toContain("已升级至城关街道");
    const residents = (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages;
    expect(residents.at(-1)).toMatchObject({ type: "bot", kind: "notice" });
    expect(residents.at(-1).text).toContain("已升级至城关街道");
    const file = await ticket(1);
    expect(file).toMatchObject({ level: "subdistrict", handlingUnitId: "jd-chengguan", status: "reported", assignee: null });
    expect(file.acceptDueAt).toBe("2026-11-24T15:59:59.000Z");
    expect(file.resolveDueAt).toBe("2026-11-27T03:00:00.000Z");
    expect(file.history.filter((event: { type: string }) => event.type === "escalated")).toHaveLength(2);

    // The county level suggests a department from the words of the matter.
    const [toCounty] = await t.say(STAFF, "u-wang", "升级 1 街道无权处理市政设施");
    expect(toCounty).toContain("已升级至兰陵县（区县部门）");
    const county = (await t.request("GET", "/sandbox/groups/g-lanling-staff/messages")).body.messages;
    expect(county.at(-1).text).toContain("建议承办部门：城乡建设");
    expect(county.at(-1).text).toContain("经过：");
    expect((await t.say(STAFF, "u-wang", "升级 1"))[0]).toContain("已在最高层级（区县部门）");
    expect((await t.say("g-lanling-staff", "u-tian", "派单 1 城乡建设"))[0]).toContain("已派给 城乡建设 办理");
  });

  it("lists one's own tickets and the staff's to-do list", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    await t.say(RESIDENTS, "u-chen", "@议事助手 东门垃圾没人清运");
    expect((await t.say(RESIDENTS, "u-zhang", "我的"))[0]).toMatch(/#1 待受理｜物业维修/);
    const [todo] = await t.say(STAFF, "u-li", "待办");
    expect(todo).toContain("待办工单 2 件");
    expect(todo).toContain("#2");
    expect((await t.say(RESIDENTS, "u-zhang", "待办"))[0]).toContain("工作人员的功能");
  });

  it("lets a neighbour second a ticket once, but not the reporter", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    expect((await t.say(RESIDENTS, "u-chen", "附议 1"))[0]).toContain("共 2 人关注");
    expect((await t.say(RESIDENTS, "u-chen", "附议 1"))[0]).toContain("已附议过");
    expect((await t.say(RESIDENTS, "u-zhang", "附议 1"))[0]).toContain("您自己反映的");
  });

  it("lets staff undo a wrong merge: the follower's words become a ticket of their own", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    expect((await t.say(RESIDENTS, "u-liu", "@议事助手 3号楼电梯按钮坏了，按了没反应"))[0]).toContain("已为您附议");
    await t.say(RESIDENTS, "u-chen", "附议 1");
    expect((await t.say(RESIDENTS, "u-zhang", "拆分 1 刘大爷"))[0]).toContain("只有工作人员可以拆分附议");
    expect((await t.say(RESIDENTS, "u-li", "拆分 1 赵女士"))[0]).toContain("附议人里没有「赵女士」");
    expect((await t.say(RESIDENTS, "u-li", "拆分 1 刘大爷"))[0]).toBe("已将 刘大爷 的反映从工单 #1 拆分，另立工单 #2。");
    expect((await t.say(RESIDENTS, "u-li", "拆分 1 陈先生"))[0]).toBe("已取消 陈先生 对工单 #1 的附议。");
    const original = await ticket(1);
    expect(original.followers).toEqual([]);
    expect(original.history.filter((event: { type: string }) => event.type === "unfollowed").map((event: { note: string }) => event.note)).toEqual([
      "刘大爷 的反映另立工单",
      "取消 陈先生 的附议",
    ]);
    expect(await ticket(2)).toMatchObject({ reporterId: "u-liu", text: "@议事助手 3号楼电梯按钮坏了，按了没反应", category: "repair", status: "reported" });
  });

  it("lets the reporter withdraw", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    expect((await t.say(RESIDENTS, "u-chen", "撤回 1"))[0]).toContain("只有反映人本人或工作人员");
    expect((await t.say(RESIDENTS, "u-zhang", "撤回 1"))[0]).toContain("已撤回");
    expect((await ticket(1)).status).toBe("withdrawn");
  });

  it("keeps outcomes apart: 无法解决 is resolved but not fixed", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼楼顶漏水");
    await t.say(RESIDENTS, "u-li", "受理 1");
    expect((await t.say(RESIDENTS, "u-li", "办结 1 无法解决：需全体业主表决动用维修基金"))[0]).toContain("（无法解决）");
    expect((await ticket(1)).outcome).toBe("cannot_fix");
  });
});

describe("refusals change nothing", () => {
  it("refuses a resident's staff command and leaves the ticket as it was", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    const before = await ticket(1);
    const [refusal] = await t.say(RESIDENTS, "u-chen", "受理 1");
    expect(refusal).toContain("需要本小区的书记、网格员等工作人员");
    expect(await ticket(1)).toEqual(before);
  });

  it("refuses impossible transitions, unknown numbers and other estates' tickets", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    expect((await t.say(RESIDENTS, "u-zhang", "评价 1 满意"))[0]).toContain("办结后才能评价");
    expect((await t.say(RESIDENTS, "u-li", "办结 1 好了"))[0]).toContain("请先发「受理 1」");
    expect((await t.say(RESIDENTS, "u-li", "受理 99"))[0]).toContain("找不到工单 #99");
    expect((await t.say("g-lijing", "u-zhao", "进度 1"))[0]).toContain("不是本小区的事项");
    expect((await t.say("g-lijing", "u-zhao", "附议 1"))[0]).toContain("不是本小区的事项");
    expect((await ticket(1)).history).toHaveLength(1);
  });

  it("refuses to assign to someone unknown", async () => {
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了");
    expect((await t.say(RESIDENTS, "u-li", "派单 1 不存在的人"))[0]).toContain("找不到「不存在的人」");
    expect((await ticket(1)).status).toBe("reported");
  });

  it("answers a short hint, not a ticket, to a greeting", async () => {
    const [help] = await t.say(RESIDENTS, "u-zhang", "@议事助手 你好呀");
    expect(help).toContain("有问题 @我 直接说");
    const list = await t.request("GET", "/api/tickets", { headers: auth });
    expect(list.body.total).toBe(0);
  });

  it("ignores chatter and does not store it", async () => {
    const response = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, { body: { userId: "u-zhang", text: "大家早上好" } });
    expect(response.body).toEqual({ status: "ignored", replies: [] });
    expect((await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages).toEqual([]);
  });
});

describe("platform retries", () => {
  it("stores a message once and answers its retry with the same reply, without a second ticket", async () => {
    const first = await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼电梯坏了", "msg-1");
    const retry = await t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, {
      body: { userId: "u-zhang", text: "@议事助手 3号楼电梯坏了", messageId: "msg-1" },
    });
    expect(retry.body).toEqual({ status: "duplicate", replies: first.map((text) => ({ text })) });
    expect((await t.request("GET", "/api/tickets", { headers: auth })).body.total).toBe(1);
  });

  it("handles the same message arriving twice at once exactly once", async () => {
    const send = () =>
      t.request("POST", `/sandbox/groups/${RESIDENTS}/messages`, { body: { userId: "u-zhang", text: "@议事助手 3号楼电梯坏了", messageId: "msg-2" } });
    const [a, b] = await Promise.all([send(), send()]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.body.replies).toEqual(b.body.replies);
    expect((await t.request("GET", "/api/tickets", { headers: auth })).body.total).toBe(1);
    const timeline = (await t.request("GET", `/sandbox/groups/${RESIDENTS}/messages`)).body.messages;
    expect(timeline.filter((entry: { type: string }) => entry.type === "message")).toHaveLength(1);
  });
});
