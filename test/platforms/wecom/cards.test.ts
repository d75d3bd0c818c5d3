import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { openRobotPayload, openRobotReply, ROBOT, wecomRobotCallback } from "../../helpers/platformClients.ts";
import { interceptOutboundHttp } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { readRobotPayload } from "../../../src/platforms/wecom/robot.ts";
import { tables } from "../../helpers/tables.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/wecom/${name}`, import.meta.url), "utf8"));
const textMessage = fixture("robot-text-group.json");
const textQuote = fixture("robot-text-quote-group.json");
const mixedQuote = fixture("robot-mixed-quote-group.json");
const nestedClick = fixture("robot-card-event-nested.json");
const flatClick = fixture("robot-card-event-flat.json");
const CHAT = textMessage.chatid as string;
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({
    now: "2026-11-23T17:10:00Z",
    env: { WECOM_BOT_TOKEN: ROBOT.token, WECOM_BOT_ENCODING_AES_KEY: ROBOT.encodingAESKey, WECOM_API_BASE: "https://wecom.test" },
  });
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "wecom", chatId: CHAT, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群", pushKey: "robot-key-1" },
  });
  expect(bound.status).toBe(201);
  const grant = await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
    headers: auth,
    body: { platformUserId: "lishuji", name: "李书记", role: "secretary" },
  });
  expect(grant.status).toBe(200);
});
afterEach(async () => {
  await t.close();
});

/** Posts one robot callback (message or event) and returns the decrypted answer's JSON (null when empty). */
async function callback(plaintext: object): Promise<any> {
  const signed = wecomRobotCallback(plaintext);
  const response = await t.request("POST", signed.path, { body: signed.body });
  expect(response.status).toBe(200);
  return response.body === "" ? null : openRobotPayload(response.body);
}

async function say(userid: string, content: string): Promise<string> {
  const signed = wecomRobotCallback({ ...textMessage, msgid: `msg-${++sequence}`, from: { userid }, text: { content } });
  const response = await t.request("POST", signed.path, { body: signed.body });
  return response.body === "" ? "" : openRobotReply(response.body);
}

const click = (shape: object, userid: string, taskId: string, key: string) => {
  const event = structuredClone(shape) as any;
  event.from = { userid };
  if (event.event.template_card_event) Object.assign(event.event.template_card_event, { task_id: taskId, event_key: key });
  else Object.assign(event.event, { task_id: taskId, event_key: key });
  return callback(event);
};

describe("reading WeCom robot payloads in the clear (callback plaintext or a long connection's frame body)", () => {
  it("reads a card click from either event shape, and a quote beside text or mixed", () => {
    for (const shape of [nestedClick, flatClick]) {
      expect(readRobotPayload(shape, ROBOT.encodingAESKey).action).toEqual({
        platform: "wecom",
        actionId: "TASK_ID",
        userId: shape.from.userid,
        chatId: CHAT,
        value: "TASK_KEY",
      });
    }
    expect(readRobotPayload(textQuote, ROBOT.encodingAESKey).message).toMatchObject({
      text: "立案",
      quote: { text: "7号楼门口的路灯坏了好几天了，晚上黑乎乎的" },
    });
    expect(readRobotPayload(mixedQuote, ROBOT.encodingAESKey).message?.quote).toEqual({ text: "5号楼门口井盖坏了" });
    expect(readRobotPayload(textMessage, ROBOT.encodingAESKey).message?.quote).toBeUndefined();
    expect(readRobotPayload({ ...nestedClick, event: { eventtype: "enter_chat" } }, ROBOT.encodingAESKey)).toEqual({});
  });
});

describe("代报 from a WeCom quote", () => {
  it("files the quoted words as staff's 代报 when WeCom does not say who wrote them, and asks staff to 回访 on closing", async () => {
    const answer = await callback(textQuote);
    expect(answer.msgtype).toBe("stream");
    expect(answer.stream.content).toContain("已代报为工单 #1（原话：「7号楼门口的路灯坏了好几天了");
    expect(answer.stream.content).toContain("类别：");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket.text).toBe("7号楼门口的路灯坏了好几天了，晚上黑乎乎的");
    expect(ticket.onBehalf).toMatchObject({ reporterUnknown: true });
    expect(ticket.history[0]).toMatchObject({ type: "reported", note: "由 李书记 代报" });

    await say("lishuji", "@议事助手 受理 1");
    const resolved = await callback({ ...textMessage, msgid: "msg-resolve", from: { userid: "lishuji" }, text: { content: "@议事助手 办结 1 已更换灯泡" } });
    // Nobody can answer a rating card here: the staff are asked for a 回访 instead, in words.
    expect(resolved.msgtype).toBe("stream");
    // Residents read the result; the 回访 instruction is for the work group (#18 follow-up, item 4).
    expect(resolved.stream.content).not.toContain("回访");
    const instruction = await tables(t.database.db).botPost.findFirst({ where: { text: { contains: "回访反映的居民后发「回访 1 满意」" } } });
    expect(instruction?.groupId).not.toBe(ticket.groupId);
    expect(await say("lishuji", "@议事助手 评价 1 满意")).toContain("工单 #1 是代报的，请回访反映人");
    expect(await say("lishuji", "@议事助手 回访 1 基本满意 居民说亮了")).toContain("已记录回访结果（基本满意），工单 #1 已关闭，计入满意率");
    const closed = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(closed).toMatchObject({ status: "closed", rating: "basically_satisfied", ratingComment: "居民说亮了" });
    expect(closed.history.at(-1)).toMatchObject({ type: "rated", note: "回访：基本满意：居民说亮了" });
    // Counted in 满意率 like a rating.
    const stats = await t.request("GET", "/api/stats?unit=xq-yangguang", { headers: auth });
    expect(stats.body.figures.satisfaction).toMatchObject({ numerator: 1, denominator: 1 });
  });

  it("reads the text of a quoted 图文混排 message", async () => {
    const answer = await callback(mixedQuote);
    expect(answer.stream.content).toContain("已代报为工单 #1（原话：「5号楼门口井盖坏了」）");
  });

  it("refuses 立案 to a resident, and explains it to staff who quote nothing", async () => {
    const refused = await callback({ ...textQuote, msgid: "msg-resident", from: { userid: "zhangsan" } });
    expect(refused.stream.content).toBe("这一步需要本小区的书记、网格员等工作人员来操作。");
    expect((await t.request("GET", "/api/tickets", { headers: auth })).body.total).toBe(0);
    expect(await say("lishuji", "@议事助手 立案")).toContain("代报用法：");
  });

  it("keeps 回访 for 代报 tickets whose author is unknown, and for staff", async () => {
    await say("zhangsan", "@议事助手 3号楼2单元楼道灯不亮了");
    await say("lishuji", "@议事助手 受理 1");
    await say("lishuji", "@议事助手 办结 1 已更换灯泡");
    expect(await say("zhangsan", "@议事助手 回访 1 满意")).toContain("工作人员");
    expect(await say("lishuji", "@议事助手 回访 1 满意")).toContain("请由本人评价");
  });
});

describe("one-tap rating on WeCom", () => {
  async function resolvedWithCard() {
    await say("zhangsan", "@议事助手 3号楼2单元楼道灯不亮了");
    await say("lishuji", "@议事助手 受理 1");
    const answer = await callback({ ...textMessage, msgid: "msg-resolve", from: { userid: "lishuji" }, text: { content: "@议事助手 办结 1 已更换灯泡" } });
    expect(answer.msgtype).toBe("stream_with_template_card");
    expect(answer.stream).toMatchObject({ finish: true });
    expect(answer.stream.content).toContain("请评价：发「评价 1 满意」");
    const card = answer.template_card;
    expect(card).toMatchObject({
      card_type: "button_interaction",
      main_title: { title: "工单 #1 已办结，请评价" },
      button_list: [
        { text: "满意", style: 1, key: "评价 1 满意" },
        { text: "基本满意", style: 1, key: "评价 1 基本满意" },
        { text: "不满意", style: 1, key: "评价 1 不满意" },
      ],
    });
    expect(card.task_id).toMatch(/^[0-9A-Za-z_\-@]{1,128}$/);
    return card.task_id as string;
  }

  it("applies the reporter's click as 评价 once, even when WeCom delivers it twice", async () => {
    const taskId = await resolvedWithCard();
    const first = await click(nestedClick, "zhangsan", taskId, "评价 1 满意");
    expect(first).toMatchObject({ response_type: "update_template_card", userids: ["zhangsan"] });
    expect(first.template_card).toMatchObject({ task_id: taskId, sub_title_text: "已记录：满意" });
    const again = await click(nestedClick, "zhangsan", taskId, "评价 1 满意");
    expect(again.template_card.sub_title_text).toBe("已记录：满意");
    // A second click on another button is answered with what the first came to.
    expect((await click(flatClick, "zhangsan", taskId, "评价 1 不满意")).template_card.sub_title_text).toBe("已记录：满意");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket).toMatchObject({ status: "closed", rating: "satisfied" });
    expect(ticket.history.filter((event: { type: string }) => event.type === "rated")).toHaveLength(1);
    // Typing still works: the ticket is closed, so a typed rating is told so.
    expect(await say("zhangsan", "@议事助手 评价 1 满意")).toContain("#1");
  });

  it("records one rating when the same click arrives twice at once", async () => {
    const taskId = await resolvedWithCard();
    const answers = await Promise.all([click(nestedClick, "zhangsan", taskId, "评价 1 基本满意"), click(nestedClick, "zhangsan", taskId, "评价 1 基本满意")]);
    expect(answers.map((answer) => answer.template_card.sub_title_text)).toEqual(["已记录：基本满意", "已记录：基本满意"]);
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket.history.filter((event: { type: string }) => event.type === "rated")).toHaveLength(1);
    expect(await tables(t.database.db).inboundMessage.count({ where: { messageId: { startsWith: `card:${taskId}:` } } })).toBe(1);
  });

  it("refuses a click by someone else in the group (flat event shape) and records nothing", async () => {
    const taskId = await resolvedWithCard();
    const refused = await click(flatClick, "lisi", taskId, "评价 1 不满意");
    expect(refused.userids).toEqual(["lisi"]);
    expect(refused.template_card.sub_title_text).toBe("只有反映人本人可以评价工单 #1。");
    expect((await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket).toMatchObject({ status: "resolved", rating: null });
  });

  it("ignores a click on a card that is not ours or a key the card does not have", async () => {
    const taskId = await resolvedWithCard();
    expect((await click(nestedClick, "zhangsan", "t1-forged", "评价 1 满意")) ?? null).toBeNull();
    const forged = await click(nestedClick, "zhangsan", taskId, "撤回 1");
    expect(forged.template_card.sub_title_text).toBe("这张卡片已失效，请直接发文字命令。");
    expect((await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket.status).toBe("resolved");
  });
});
