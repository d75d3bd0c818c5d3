import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DINGTALK_SECRET, dingtalkHeaders } from "../../helpers/platformClients.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { readDingtalkCardCallback } from "../../../src/platforms/dingtalk/cards.ts";
import { readDingtalkCallback } from "../../../src/platforms/dingtalk/callback.ts";
import { tables } from "../../helpers/tables.ts";

const BASE = "https://dingtalk.test";
const OPENAPI = "https://api.dingtalk.test";
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/dingtalk/${name}`, import.meta.url), "utf8"));
const recorded = fixture("callback-text-group.json");
const quoted = fixture("callback-text-reply-group.json");
const cardClick = fixture("card-callback.json");
const STAFF_CHAT = "cidStaffXingfu0000000000==";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({
    env: {
      DINGTALK_APP_SECRET: DINGTALK_SECRET,
      DINGTALK_API_BASE: BASE,
      DINGTALK_APP_KEY: "dingappkey0001",
      DINGTALK_ROBOT_CODE: "dingrobot000000",
      DINGTALK_CARD_TEMPLATE_ID: "rating-card-tpl.schema",
      DINGTALK_OPENAPI_BASE: OPENAPI,
    },
  });
  const groups = [
    { chatId: recorded.conversationId, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
    { chatId: STAFF_CHAT, unitId: "sq-xingfu", kind: "staff", name: "幸福社区工作群" },
  ];
  for (const group of groups) {
    const bound = await t.request("POST", "/api/groups", { headers: auth, body: { platform: "dingtalk", pushKey: "ding-token", ...group } });
    expect(bound.status).toBe(201);
    const grant = await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "lishuji01", name: "李书记", role: "secretary" },
    });
    expect(grant.status).toBe(200);
  }
});
afterEach(async () => {
  await t.close();
});

async function post(path: string, body: object) {
  // DingTalk signs each call at its own millisecond.
  t.clock.advance(1);
  return t.request("POST", path, { headers: dingtalkHeaders(t.clock.now()), body });
}

async function say(senderStaffId: string, senderNick: string, content: string, overrides: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  const response = await post("/dingtalk/callback", {
    ...recorded,
    msgId: `ding-${++sequence}`,
    senderStaffId,
    senderNick,
    text: { content },
    sessionWebhook: `${BASE}/robot/sendBySession?session=abc123`,
    sessionWebhookExpiredTime: now + 90 * 60_000,
    createAt: now,
    ...overrides,
  });
  expect(response).toEqual({ status: 200, body: {} });
}

/** Delivers everything queued; answers session replies, and records each card sent with createAndDeliver. */
async function deliver(): Promise<{ replies: string[]; cards: any[] }> {
  const replies: string[] = [];
  const cards: any[] = [];
  const sessionReplies = nock(BASE)
    .post("/robot/sendBySession", (body) => {
      replies.push(body.text.content);
      return true;
    })
    .query(true)
    .times(10);
  sessionReplies.reply(200, { errcode: 0, errmsg: "ok" });
  const cardDeliveries = nock(OPENAPI)
    .post("/v1.0/card/instances/createAndDeliver", (body) => {
      cards.push(body);
      return true;
    })
    .matchHeader("x-acs-dingtalk-access-token", "token-1")
    .times(10);
  cardDeliveries.reply(200, { success: true, result: { outTrackId: "x" } });
  const result = await t.bot.outbox.runOnce();
  expect(result.dead).toBe(0);
  expect(result.retried).toBe(0);
  // Only this delivery's interceptors go: the access token the test set up is still there for the first card, whether
  // or not an earlier post (a red or orange ticket's alert) has fetched it already.
  nock.removeInterceptor(sessionReplies);
  nock.removeInterceptor(cardDeliveries);
  return { replies, cards };
}

const click = (outTrackId: string, userId: string, value: string) =>
  post("/dingtalk/card", { ...cardClick, outTrackId, userId, content: JSON.stringify({ cardPrivateData: { actionIds: ["rate"], params: { value } } }) });

describe("DingTalk quotes and interactive cards", () => {
  beforeEach(() => {
    // One access token for the whole test: it is fetched once and reused.
    nock(OPENAPI)
      .post("/v1.0/oauth2/accessToken", { appKey: "dingappkey0001", appSecret: DINGTALK_SECRET })
      .reply(200, { accessToken: "token-1", expireIn: 7200 });
  });

  it("reads a reply's quoted message and its author, defensively", () => {
    expect(readDingtalkCallback(quoted, "https://oapi.dingtalk.com")?.quote).toEqual({
      text: "3号楼地下车库漏水好几天了，地上全是积水",
      userId: "manager4220",
    });
    const odd = { ...quoted, text: { content: " 立案", isReplyMsg: true, repliedMsg: { content: { richText: [] } } } };
    expect(readDingtalkCallback(odd, "https://oapi.dingtalk.com")?.quote).toBeUndefined();
  });

  it("files a quoted resident's words in their name (代报 with a known author), and sends them the rating card", async () => {
    await say("manager4220", "张阿姨", "帮助");
    await say("lishuji01", "李书记", " 立案", { text: quoted.text });
    let sent = await deliver();
    expect(sent.replies.at(-1)).toContain("✅ 已代 张阿姨 登记工单 #1");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    const zhang = await tables(t.database.db).member.findFirstOrThrow({ where: { platform: "dingtalk", platformUserId: "manager4220" } });
    expect(ticket).toMatchObject({ reporterId: zhang.id, text: "3号楼地下车库漏水好几天了，地上全是积水", onBehalf: { reporterUnknown: false } });

    await say("lishuji01", "李书记", "受理 1");
    await say("lishuji01", "李书记", "办结 1 已疏通排水");
    sent = await deliver();
    expect(sent.cards).toHaveLength(1);
    const card = sent.cards[0];
    expect(card).toMatchObject({
      cardTemplateId: "rating-card-tpl.schema",
      callbackType: "HTTP",
      openSpaceId: `dtv1.card//IM_GROUP.${recorded.conversationId}`,
      imGroupOpenDeliverModel: { robotCode: "dingrobot000000" },
      cardData: { cardParamMap: { title: "工单 #1 已办结，请评价" } },
    });
    expect(card.cardData.cardParamMap.text).toContain("请评价：发「评价 1 满意」");
    expect(JSON.parse(card.cardData.cardParamMap.buttons)).toEqual([
      { label: "满意", value: "评价 1 满意" },
      { label: "基本满意", value: "评价 1 基本满意" },
      { label: "不满意", value: "评价 1 不满意" },
    ]);

    // Someone else in the group clicks: refused, nothing recorded.
    const stranger = await click(card.outTrackId, "lisi0002", "评价 1 不满意");
    expect(stranger.body).toEqual({
      cardUpdateOptions: { updateCardDataByKey: true },
      userPrivateData: { cardParamMap: { result: "只有反映人本人可以评价工单 #1。" } },
    });
    // The reporter clicks, and DingTalk delivers it twice: one rating.
    for (let i = 0; i < 2; i++) {
      const answer = await click(card.outTrackId, "manager4220", "评价 1 满意");
      expect(answer.status).toBe(200);
      expect(answer.body.userPrivateData.cardParamMap.result).toBe("已记录：满意");
    }
    const closed = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(closed).toMatchObject({ status: "closed", rating: "satisfied" });
    expect(closed.history.filter((event: { type: string }) => event.type === "rated")).toHaveLength(1);
  });

  it("offers 受理 as a button on a new ticket's staff alert, applied for staff and refused for a resident", async () => {
    await say("manager4220", "张阿姨", "3号楼2单元楼道里煤气味很重");
    const sent = await deliver();
    expect(sent.replies[0]).toContain("已登记工单 #1");
    const alert = sent.cards.find((card) => card.openSpaceId === `dtv1.card//IM_GROUP.${STAFF_CHAT}`);
    expect(alert).toBeDefined();
    expect(JSON.parse(alert.cardData.cardParamMap.buttons)).toEqual([{ label: "受理", value: "受理 1" }]);
    expect(alert.cardData.cardParamMap.text).toContain("新工单 #1");

    const resident = await click(alert.outTrackId, "manager4220", "受理 1");
    expect(resident.body.userPrivateData.cardParamMap.result).toBe("这一步需要本小区的书记、网格员等工作人员来操作，您可以发「进度 1」查看进展。");
    expect((await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket.status).toBe("reported");

    const staff = await click(alert.outTrackId, "lishuji01", "受理 1");
    expect(staff.body.userPrivateData.cardParamMap.result).toBe("已记录：受理");
    expect((await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket).toMatchObject({ status: "accepted" });
  });

  it("keeps a card in the outbox through an outage and sends the same card when DingTalk answers again", async () => {
    await say("manager4220", "张阿姨", "3号楼2单元楼道里煤气味很重");
    nock(BASE).post("/robot/sendBySession").query(true).reply(200, { errcode: 0 });
    nock(OPENAPI).post("/v1.0/card/instances/createAndDeliver").reply(503, "busy");
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 1, retried: 1 });
    const waiting = await tables(t.database.db).botPost.findFirstOrThrow({ where: { channel: "dingtalk_card" } });
    expect(waiting).toMatchObject({ status: "pending", lastError: "http 503" });
    t.clock.advance(10 * 60_000);
    const sent = await deliver();
    expect(sent.cards).toHaveLength(1);
    expect(sent.cards[0].outTrackId).toBe(waiting.actionId);
    expect(await tables(t.database.db).botPost.findUniqueOrThrow({ where: { id: waiting.id } })).toMatchObject({ status: "sent" });
  });

  it("verifies card callbacks as it verifies messages", async () => {
    const body = { ...cardClick };
    expect((await t.request("POST", "/dingtalk/card", { body })).status).toBe(401);
    const wrong = { ...dingtalkHeaders(t.clock.now()), sign: "AAAA" };
    expect((await t.request("POST", "/dingtalk/card", { headers: wrong, body })).status).toBe(401);
    expect((await post("/dingtalk/card", { outTrackId: "x" })).status).toBe(400);
  });

  it("decodes the recorded card callback for any transport to hand over", () => {
    expect(readDingtalkCardCallback(cardClick)).toEqual({ platform: "dingtalk", actionId: "OUT_TRACK_ID", userId: "manager4220", value: "BUTTON_VALUE" });
    const byActionId = { ...cardClick, content: JSON.stringify({ cardPrivateData: { actionIds: ["评价 3 满意"], params: {} } }) };
    expect(readDingtalkCardCallback(byActionId)?.value).toBe("评价 3 满意");
  });
});
