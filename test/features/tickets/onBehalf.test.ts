import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config.ts";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
});
afterEach(async () => {
  await t.close();
});

/** Says something in the sandbox quoting another message, as the page's 引用 button does. */
async function sayQuoting(groupId: string, userId: string, text: string, quote: { text: string; userId?: string }): Promise<string[]> {
  const response = await t.request("POST", `/sandbox/groups/${groupId}/messages`, { body: { userId, text, quote } });
  expect(response.status).toBe(200);
  return response.body.replies.map((reply: { text: string }) => reply.text);
}

describe("代报 in the sandbox", () => {
  it("files a quoted resident's chatter in their name, read like their own report, and asks them to rate", async () => {
    // 张阿姨 grumbles without @-ing the bot: nothing is filed.
    expect(await t.say("g-yangguang", "u-zhang", "3号楼电梯又停了，烦死了")).toEqual([]);
    const [filed] = await sayQuoting("g-yangguang", "u-li", "@议事助手 立案", { text: "3号楼电梯又停了，烦死了", userId: "u-zhang" });
    expect(filed).toContain("✅ 已代 张阿姨 登记工单 #1");
    expect(filed).not.toContain("✅ 已登记工单 #1");
    const ticket = await t.ticket(1);
    expect(ticket).toMatchObject({ reporterId: "u-zhang", text: "3号楼电梯又停了，烦死了", onBehalf: { filedById: "u-li", reporterUnknown: false } });
    expect(ticket.category).toBe("repair");

    await t.say("g-yangguang", "u-li", "受理 1");
    const [resolved] = await t.say("g-yangguang", "u-li", "办结 1 电梯已修复");
    // The sandbox has no cards: the rating request is words that say what to type.
    expect(resolved).toContain("@张阿姨 请评价：发「评价 1 满意」，或@我回复「满意」「基本满意」「不满意 + 意见」。");
    expect(await tables(t.database.db).botPost.count({ where: { card: { not: null } } })).toBe(0);
    expect(await t.say("g-yangguang", "u-zhang", "评价 1 满意")).toEqual(["感谢评价（满意）！工单 #1 已关闭。"]);
  });

  it("joins a quoted report to the open ticket it repeats instead of opening another", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
    const [joined] = await sayQuoting("g-yangguang", "u-li", "@议事助手 代报", { text: "3号楼的电梯坏了，一直停在一楼不动" });
    expect(joined).toContain("这件事已有工单 #1");
    expect((await t.request("GET", "/api/tickets", { headers: auth })).body.total).toBe(1);
    expect((await t.ticket(1)).history.at(-1)).toMatchObject({ type: "followed", note: "李书记 代报同一件事：「3号楼的电梯坏了，一直停在一楼不动」" });
  });

  it("files someone trapped in a lift as its own red matter, not a 附议 of the same lift out of order", async () => {
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
    const [filed] = await sayQuoting("g-yangguang", "u-li", "@议事助手 代报", { text: "3号楼电梯坏了，困在里面出不来" });
    expect(filed).toContain("96333");
    expect(filed).not.toContain("这件事已有工单 #1");
    expect((await t.request("GET", "/api/tickets", { headers: auth })).body.total).toBe(2);
    expect(await t.ticket(2)).toMatchObject({ colour: "red" });
  });

  it("counts a 回访 in 满意率 as a rating, and reopens the matter on 不满意", async () => {
    await sayQuoting("g-yangguang", "u-li", "@议事助手 登记", { text: "5号楼门口井盖松了，踩上去晃" });
    await sayQuoting("g-yangguang", "u-li", "@议事助手 登记", { text: "2号楼垃圾桶满了没人清" });
    for (const n of [1, 2]) {
      await t.say("g-yangguang", "u-li", `受理 ${n}`);
      await t.say("g-yangguang", "u-li", `办结 ${n} 已处理`);
    }
    expect(await t.say("g-yangguang", "u-li", "回访 1 满意")).toEqual(["已记录回访结果（满意），工单 #1 已关闭，计入满意率。"]);
    const [reopened] = await t.say("g-yangguang", "u-li", "回访 2 不满意 还是没人清");
    expect(reopened).toContain("工单 #2 已重新打开");
    expect(await t.ticket(2)).toMatchObject({ status: "accepted", rating: "unsatisfied", ratingComment: "还是没人清" });
    const stats = await t.request("GET", "/api/stats?unit=xq-yangguang", { headers: auth });
    expect(stats.body.figures.satisfaction).toMatchObject({ numerator: 1, denominator: 2 });
    // Staff who only filed it earn no report points for it.
    expect(await tables(t.database.db).pointEntry.count({ where: { kind: "report_accepted" } })).toBe(0);
  });

  it("reminds staff, not the filer as a resident, to 回访 a day after closing", async () => {
    await sayQuoting("g-yangguang", "u-li", "@议事助手 立案", { text: "6号楼楼道灯不亮" });
    await t.say("g-yangguang", "u-li", "受理 1");
    await t.say("g-yangguang", "u-li", "办结 1 已换灯");
    t.clock.advance(25 * 3_600_000);
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ reminded: 1 });
    const reminder = await tables(t.database.db).botPost.findFirstOrThrow({ where: { kind: "notice", ticketNumber: 1 }, orderBy: { id: "desc" } });
    expect(reminder.text).toBe("@李书记 代报工单 #1 已办结一天了，请回访反映人后发「回访 1 满意」「基本满意」或「不满意 + 意见」。3天内未回访将自动关闭。");
    expect(JSON.parse(reminder.mentions)).toEqual(["u-li"]);
  });

  it("does not take an author the sandbox's directory does not know, nor a resident's 立案", async () => {
    const [filed] = await sayQuoting("g-yangguang", "u-li", "@议事助手 立案", { text: "6号楼楼道灯不亮", userId: "u-nobody" });
    expect(filed).toContain("已代报为工单 #1（原话：「6号楼楼道灯不亮」）");
    expect(await sayQuoting("g-yangguang", "u-zhang", "@议事助手 立案", { text: "6号楼楼道灯不亮" })).toEqual([
      "这一步需要本小区的书记、网格员等工作人员来操作。",
    ]);
  });
});

describe("the sandbox page", () => {
  it("lets a newcomer quote a line (引用) and sends it as the message's quote", async () => {
    const page = await t.request("GET", "/sandbox");
    expect(page.body).toContain("引用");
    expect(page.body).toContain("...(sentQuote ? { quote: sentQuote } : {})");
  });
});

describe("card settings", () => {
  it("asks for the app key, secret and robot code with a DingTalk card template", () => {
    expect(() => loadConfig({ DINGTALK_CARD_TEMPLATE_ID: "tpl", DINGTALK_APP_SECRET: "s" })).toThrow(/DINGTALK_CARD_TEMPLATE_ID 需要同时设置/);
    expect(
      loadConfig({ DINGTALK_CARD_TEMPLATE_ID: "tpl", DINGTALK_APP_SECRET: "s", DINGTALK_APP_KEY: "k", DINGTALK_ROBOT_CODE: "r" }).DINGTALK_CARD_TEMPLATE_ID,
    ).toBe("tpl");
  });
});
