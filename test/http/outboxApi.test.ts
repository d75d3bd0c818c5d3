import nock from "nock";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { interceptOutboundHttp } from "../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";

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
    expect(await t.database.db.group.count({ where: { platform: { not: "sandbox" } } })).toBe(0);
  });
});
