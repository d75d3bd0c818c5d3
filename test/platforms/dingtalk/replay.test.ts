import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DINGTALK_SECRET, dingtalkHeaders } from "../../helpers/platformClients.ts";
import { interceptOutboundHttp } from "../../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { DingtalkReplayGuard, implausibleAt, messageIdentity, PAIR_WINDOW_MS } from "../../../src/platforms/dingtalk/replay.ts";
import { tables } from "../../helpers/tables.ts";

const BASE = "https://dingtalk.test";
const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/dingtalk/${name}`, import.meta.url), "utf8"));
const recorded = fixture("callback-text-group.json");
const cardClick = fixture("card-callback.json");
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ENV = {
  DINGTALK_APP_SECRET: DINGTALK_SECRET,
  DINGTALK_API_BASE: BASE,
  DINGTALK_APP_KEY: "dingappkey0001",
  DINGTALK_ROBOT_CODE: "dingrobot000000",
  DINGTALK_CARD_TEMPLATE_ID: "rating-card-tpl.schema",
  DINGTALK_OPENAPI_BASE: "https://api.dingtalk.test",
};
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({ env: ENV });
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "dingtalk", chatId: recorded.conversationId, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群", pushKey: "ding-token" },
  });
  expect(bound.status).toBe(201);
});
afterEach(async () => {
  await t.close();
});

/** A robot message as DingTalk makes it: created at `createdAt` (ms), its session webhook valid 90 minutes. */
function message(content: string, createdAt: number, overrides: Record<string, unknown> = {}) {
  return {
    ...recorded,
    msgId: `msg-replay-${++sequence}`,
    senderStaffId: `resident${sequence}`,
    senderNick: "住户",
    text: { content },
    sessionWebhook: `${BASE}/robot/sendBySession?session=abc123`,
    sessionWebhookExpiredTime: createdAt + 90 * 60_000,
    createAt: createdAt,
    ...overrides,
  };
}

const clickBody = { ...cardClick, outTrackId: "card-nobody-sent", content: JSON.stringify({ cardPrivateData: { params: { value: "满意" } } }) };

describe("DingTalk callbacks sharing a (timestamp, sign) pair", () => {
  it("stores 200 distinct messages signed with one timestamp", async () => {
    const signedAt = t.clock.now().getTime();
    const headers = dingtalkHeaders(new Date(signedAt));
    const statuses: number[] = [];
    for (let i = 0; i < 200; i++) {
      t.clock.advance(200);
      const response = await t.request("POST", "/dingtalk/callback", { headers, body: message(`${i + 1}号楼楼道灯不亮了`, signedAt - 500) });
      statuses.push(response.status);
    }
    expect(statuses.filter((status) => status !== 200)).toEqual([]);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(200);
  }, 60_000);

  it("refuses a captured pair with another body once its window has passed, on both routes and on a second instance", async () => {
    const signedAt = t.clock.now().getTime();
    const headers = dingtalkHeaders(new Date(signedAt));
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: message("3号楼电梯坏了", signedAt) })).status).toBe(200);
    t.clock.advance(PAIR_WINDOW_MS + 60_000);
    // The forger copies what a genuine message signed then would carry; only the words and the chat are his.
    const forged = message("绑定 阳光花园", signedAt, { conversationId: "cidAttackerChat==" });
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: forged })).status).toBe(401);
    expect((await t.request("POST", "/dingtalk/card", { headers, body: clickBody })).status).toBe(401);
    const second = await startTestBot({ env: ENV, sharing: t.database, now: t.clock.now().toISOString() });
    try {
      expect((await second.request("POST", "/dingtalk/callback", { headers, body: forged })).status).toBe(401);
      expect((await second.request("POST", "/dingtalk/card", { headers, body: clickBody })).status).toBe(401);
    } finally {
      await second.close();
    }
    expect(await tables(t.database.db).inboundMessage.count()).toBe(1);
    expect(await tables(t.database.db).group.count({ where: { chatId: "cidAttackerChat==" } })).toBe(0);
  });

  it("refuses on the message route a pair first seen on the card route, once its window has passed", async () => {
    const signedAt = t.clock.now().getTime();
    const headers = dingtalkHeaders(new Date(signedAt));
    expect((await t.request("POST", "/dingtalk/card", { headers, body: clickBody })).status).toBe(200);
    t.clock.advance(PAIR_WINDOW_MS + 1000);
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: message("3号楼电梯坏了", signedAt) })).status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("takes a message id with one content only, on any instance, while a genuine retry is answered once", async () => {
    const signedAt = t.clock.now().getTime();
    const genuine = message("3号楼电梯坏了", signedAt);
    expect((await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(new Date(signedAt)), body: genuine })).status).toBe(200);
    t.clock.advance(10_000);
    const second = await startTestBot({ env: ENV, sharing: t.database, now: t.clock.now().toISOString() });
    try {
      const fresh = dingtalkHeaders(t.clock.now());
      const altered = { ...genuine, text: { content: "撤销 1" }, senderStaffId: "attacker01" };
      expect((await second.request("POST", "/dingtalk/callback", { headers: fresh, body: altered })).status).toBe(401);
      // DingTalk sending the same message again, with its first headers after the pair's window or with new ones.
      expect((await second.request("POST", "/dingtalk/callback", { headers: fresh, body: genuine })).status).toBe(200);
      t.clock.advance(PAIR_WINDOW_MS);
      expect((await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(new Date(signedAt)), body: genuine })).status).toBe(200);
    } finally {
      await second.close();
    }
    expect(await tables(t.database.db).inboundMessage.count()).toBe(1);
    expect(await tables(t.database.db).ticket.count()).toBe(1);
    expect(await tables(t.database.db).botPost.count({ where: { channel: "dingtalk_session" } })).toBe(1);
  });

  it("refuses new bodies on a pair first seen long after it was signed (captured elsewhere), but not a known message", async () => {
    const signedAt = t.clock.now().getTime();
    const genuine = message("3号楼电梯坏了", signedAt);
    expect((await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(t.clock.now()), body: genuine })).status).toBe(200);
    t.clock.advance(15 * 60_000);
    const elsewhere = dingtalkHeaders(new Date(signedAt - 1000));
    expect((await t.request("POST", "/dingtalk/callback", { headers: elsewhere, body: message("撤销 1", signedAt - 2000) })).status).toBe(401);
    expect((await t.request("POST", "/dingtalk/card", { headers: elsewhere, body: clickBody })).status).toBe(401);
    expect((await t.request("POST", "/dingtalk/callback", { headers: elsewhere, body: genuine })).status).toBe(200);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(1);
  });

  it("refuses a message that cannot have been made at its timestamp", async () => {
    const signedAt = t.clock.now().getTime();
    const headers = dingtalkHeaders(new Date(signedAt));
    const old = message("3号楼电梯坏了", signedAt - 30 * 60_000);
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: old })).status).toBe(401);
    const later = message("3号楼电梯坏了", signedAt + 10 * 60_000);
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: later })).status).toBe(401);
    const longSession = message("3号楼电梯坏了", signedAt, { sessionWebhookExpiredTime: signedAt + 86_400_000 });
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: longSession })).status).toBe(401);
    const { createAt: _createAt, ...undated } = message("3号楼电梯坏了", signedAt);
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: undated })).status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });
});

describe("the replay memory", () => {
  it("takes a message id with one identity on any transport, and forgets what can no longer be replayed", async () => {
    const guard = new DingtalkReplayGuard(t.database.db);
    const now = t.clock.now();
    const body = message("3号楼电梯坏了", now.getTime());
    await guard.claimMessageId(body, now);
    await guard.claimMessageId({ ...body, sessionWebhook: `${BASE}/robot/sendBySession?session=renewed` }, now);
    await expect(guard.claimMessageId({ ...body, text: { content: "撤销 1" } }, now)).rejects.toThrow("message id already used");
    await guard.admitCardClick(dingtalkHeaders(now), now);
    expect(await tables(t.database.db).callbackSeen.count()).toBe(2);
    const later = new Date(now.getTime() + 4 * 3_600_000);
    await guard.admitCardClick(dingtalkHeaders(later), later);
    expect(await tables(t.database.db).callbackSeen.count()).toBe(1);
  });

  it("reads a message's plausibility from its own identity", () => {
    const identity = messageIdentity(message("x", 1_000_000_000_000))!;
    expect(implausibleAt(identity, 1_000_000_000_000 + 60_000)).toBeNull();
    expect(implausibleAt(identity, 1_000_000_000_000 - 2 * 60_000)).toBe("message created after its timestamp");
    expect(messageIdentity({ msgtype: "text" })).toBeNull();
  });
});
