import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConnections } from "../../../src/app.ts";
import { eventually, FakeDingtalkStream } from "../../helpers/fakeGateways.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/dingtalk/${name}`, import.meta.url), "utf8"));
const message = fixture("callback-text-group.json");
const cardClick = fixture("card-callback.json");
const APP = { clientId: "dingappkey000000", clientSecret: "dingtalk-stream-client-secret" };
const OPENAPI = "https://api.dingtalk.test";
const STAFF_CHAT = "cidStaffXingfu0000000000==";
const TOPIC_CARD = "/v1.0/card/instances/callback";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let stream: FakeDingtalkStream;
let t: TestBot;
let stoppables: { stop: () => Promise<void> }[] = [];

interceptOutboundHttp();

beforeEach(async () => {
  stream = await FakeDingtalkStream.start(APP);
  t = await startTestBot({
    now: "2026-11-23T17:10:00Z", // before the fixture's sessionWebhook expires
    env: {
      DINGTALK_TRANSPORT: "stream",
      DINGTALK_APP_KEY: APP.clientId,
      DINGTALK_APP_SECRET: APP.clientSecret,
      DINGTALK_ROBOT_CODE: "dingrobot000000",
      DINGTALK_CARD_TEMPLATE_ID: "rating-card-tpl.schema",
      DINGTALK_OPENAPI_BASE: OPENAPI,
    },
  });
  for (const group of [
    { chatId: message.conversationId, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
    { chatId: STAFF_CHAT, unitId: "sq-xingfu", kind: "staff", name: "幸福社区工作群" },
  ]) {
    const bound = await t.request("POST", "/api/groups", { headers: auth, body: { platform: "dingtalk", pushKey: "ding-token", ...group } });
    expect(bound.status).toBe(201);
    const grant = await t.request("PUT", `/api/groups/${bound.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "lishuji01", name: "李书记", role: "secretary" },
    });
    expect(grant.status).toBe(200);
  }
  stoppables = startConnections(t.bot);
  await eventually(async () => stream.openConnections > 0 && (await t.request("GET", "/readyz")).status === 200, "connected and ready");
});
afterEach(async () => {
  for (const stoppable of stoppables) await stoppable.stop();
  await t.close();
  await stream.close();
});

describe("DingTalk interactive cards over Stream", () => {
  it("asks for clicks over the connection, and applies a 受理 click from the card topic once, answering in the ack", async () => {
    expect(stream.opens[0]!.subscriptions).toContainEqual({ type: "CALLBACK", topic: TOPIC_CARD });
    await stream.ackOf(
      stream.pushRobotMessage({ ...message, msgId: "stream-card-1", senderStaffId: "manager4220", text: { content: "3号楼2单元楼道里煤气味很重" } }),
    );

    const cards: { outTrackId: string; callbackType: string; openSpaceId: string }[] = [];
    nock(OPENAPI).post("/v1.0/oauth2/accessToken").reply(200, { accessToken: "token-1", expireIn: 7200 });
    nock(OPENAPI)
      .post("/v1.0/card/instances/createAndDeliver", (body) => Boolean(cards.push(body)))
      .times(10)
      .reply(200, { success: true, result: { outTrackId: "x" } });
    nock("https://oapi.dingtalk.com").post("/robot/sendBySession").query(true).times(10).reply(200, { errcode: 0, errmsg: "ok" });
    expect((await t.bot.outbox.runOnce()).dead).toBe(0);
    const alert = cards.find((card) => card.openSpaceId === `dtv1.card//IM_GROUP.${STAFF_CHAT}`);
    expect(alert).toMatchObject({ callbackType: "STREAM" });

    const frame = {
      ...cardClick,
      outTrackId: alert!.outTrackId,
      userId: "lishuji01",
      content: JSON.stringify({ cardPrivateData: { actionIds: ["accept"], params: { value: "受理 1" } } }),
    };
    for (const messageId of ["click-1", "click-1-again"]) {
      const ack = await stream.ackOf(stream.pushCallback(TOPIC_CARD, frame, messageId));
      expect(JSON.parse(ack.data)).toMatchObject({ response: { userPrivateData: { cardParamMap: { result: "已记录：受理" } } } });
    }
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket.status).toBe("accepted");
    expect(ticket.history.filter((event: { type: string }) => event.type === "accepted")).toHaveLength(1);
  });
});
