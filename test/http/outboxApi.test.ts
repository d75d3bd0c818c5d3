import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interceptOutboundHttp, nock } from "../helpers/nock.ts";
import { DINGTALK_SECRET, dingtalkHeaders } from "../helpers/platformClients.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({ env: { WECOM_API_BASE: "https://wecom.test" } });
});
afterEach(async () => {
  await t.close();
});

describe("the outbox API", () => {
  it("lists dead letters and requeues one, which is then delivered", async () => {
    const bound = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkStaff", unitId: "sq-xingfu", kind: "staff", name: "社区企微工作群" },
    });
    await t.say("g-yangguang", "u-zhang", "@议事助手 8号楼电梯困人了");
    // No robot key yet: the alert cannot be delivered and goes to dead letters.
    expect(await t.bot.outbox.runOnce()).toEqual({ sent: 0, retried: 0, dead: 1 });
    const dead = await t.request("GET", "/api/outbox?status=dead", { headers: auth });
    expect(dead.body.items).toHaveLength(1);
    expect(dead.body.items[0]).toMatchObject({ groupId: bound.body.group.id, channel: "wecom_webhook", status: "dead", ticketNumber: 1 });
    // The post says which platform sends it and why it died, as kinds, not words to parse.
    expect(dead.body.items[0]).toMatchObject({ platform: "wecom", failure: "permanent" });
    expect(dead.body.items[0].text).toContain("新工单 #1");

    // The operator adds the key and retries.
    await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "wrkStaff", unitId: "sq-xingfu", kind: "staff", name: "社区企微工作群", pushKey: "now-set" },
    });
    const id = dead.body.items[0].id;
    const retried = await t.request("POST", `/api/outbox/${id}/retry`, { headers: auth });
    expect(retried.status).toBe(200);
    expect(retried.body.item).toMatchObject({ status: "pending", attempts: 0 });
    const push = nock("https://wecom.test").post("/cgi-bin/webhook/send").query({ key: "now-set" }).reply(200, { errcode: 0 });
    expect((await t.bot.outbox.runOnce()).sent).toBe(1);
    expect(push.isDone()).toBe(true);
    expect((await t.request("POST", `/api/outbox/${id}/retry`, { headers: auth })).status).toBe(409);
  });

  it("answers 404 for an unknown item, 400 for a bad status filter and 401 without the token", async () => {
    expect((await t.request("POST", "/api/outbox/999/retry", { headers: auth })).status).toBe(404);
    expect((await t.request("GET", "/api/outbox?status=lost", { headers: auth })).status).toBe(400);
    expect((await t.request("GET", "/api/outbox")).status).toBe(401);
  });

  it("refuses a binding to an unknown unit or of the wrong shape, writing nothing", async () => {
    const unknown = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: "x", unitId: "nowhere", kind: "staff", name: "x" },
    });
    expect(unknown.status).toBe(404);
    const wrong = await t.request("POST", "/api/groups", { headers: auth, body: { platform: "qq", chatId: "x" } });
    expect(wrong.status).toBe(400);
    expect(await tables(t.database.db).group.count({ where: { platform: { not: "sandbox" } } })).toBe(0);
  });
});

describe("the outbox API's cards", () => {
  it("shows a post's card with its buttons, and null for a post in words only", async () => {
    const ding = await startTestBot({
      env: {
        DINGTALK_APP_SECRET: DINGTALK_SECRET,
        DINGTALK_APP_KEY: "dingappkey0001",
        DINGTALK_ROBOT_CODE: "dingrobot000000",
        DINGTALK_CARD_TEMPLATE_ID: "rating-card-tpl.schema",
        DINGTALK_API_BASE: "https://dingtalk.test",
        DINGTALK_OPENAPI_BASE: "https://api.dingtalk.test",
      },
    });
    try {
      for (const [chatId, unitId, kind] of [
        ["cidResidents==", "xq-yangguang", "residents"],
        ["cidStaff==", "sq-xingfu", "staff"],
      ]) {
        const bound = await ding.request("POST", "/api/groups", {
          headers: auth,
          body: { platform: "dingtalk", chatId, unitId, kind, name: chatId, pushKey: "k" },
        });
        expect(bound.status).toBe(201);
      }
      const now = ding.clock.now().getTime();
      const callback = await ding.request("POST", "/dingtalk/callback", {
        headers: dingtalkHeaders(ding.clock.now()),
        body: {
          msgtype: "text",
          msgId: "ding-card-1",
          conversationId: "cidResidents==",
          conversationType: "2",
          senderStaffId: "manager4220",
          senderNick: "张阿姨",
          createAt: now,
          text: { content: "3号楼2单元楼道里煤气味很重" },
          sessionWebhook: "https://dingtalk.test/robot/sendBySession?session=abc",
          sessionWebhookExpiredTime: now + 90 * 60_000,
          isInAtList: true,
          robotCode: "dingrobot000000",
        },
      });
      expect(callback).toEqual({ status: 200, body: {} });
      const items = (await ding.request("GET", "/api/outbox", { headers: auth })).body.items as any[];
      const alert = items.find((item) => item.channel === "dingtalk_card");
      expect(alert).toBeDefined();
      expect(alert.card).toEqual({ title: expect.any(String), buttons: [{ label: "受理", value: "受理 1" }], actionId: expect.any(String) });
      expect(alert.text).toContain("新工单 #1");
      expect(items.filter((item) => item.channel !== "dingtalk_card").every((item) => item.card === null)).toBe(true);
    } finally {
      await ding.close();
    }
  });
});
