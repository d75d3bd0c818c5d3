import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { DINGTALK_SECRET, dingtalkHeaders } from "../../helpers/platformClients.ts";
import { eventually } from "../../helpers/fakeGateways.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { postDailyDigest } from "../../../src/features/stats/digests.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const BASE = "https://dingtalk.test";
const recorded = JSON.parse(readFileSync(new URL("../../fixtures/dingtalk/callback-text-group.json", import.meta.url), "utf8"));
const SESSION_PATH = "/robot/sendBySession";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
let t: TestBot;
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  t = await startTestBot({ env: { DINGTALK_APP_SECRET: DINGTALK_SECRET, DINGTALK_API_BASE: BASE } });
  await t.request("POST", "/api/groups", {
    headers: auth,
    body: {
      platform: "dingtalk",
      chatId: recorded.conversationId,
      unitId: "xq-yangguang",
      kind: "residents",
      name: "阳光花园业主群",
      pushKey: "ding-token",
      pushSecret: "SECdemo",
    },
  });
});
afterEach(async () => {
  await t.close();
});

function callbackBody(senderStaffId: string, senderNick: string, content: string, overrides: Record<string, unknown> = {}) {
  const now = t.clock.now().getTime();
  return {
    ...recorded,
    msgId: `ding-${++sequence}`,
    senderStaffId,
    senderNick,
    text: { content },
    sessionWebhook: `${BASE}${SESSION_PATH}?session=abc123`,
    sessionWebhookExpiredTime: now + 90 * 60_000,
    createAt: now,
    ...overrides,
  };
}

async function say(senderStaffId: string, senderNick: string, content: string, overrides: Record<string, unknown> = {}) {
  // DingTalk signs each call at its own millisecond.
  t.clock.advance(1);
  const response = await t.request("POST", "/dingtalk/callback", {
    headers: dingtalkHeaders(t.clock.now()),
    body: callbackBody(senderStaffId, senderNick, content, overrides),
  });
  expect(response).toEqual({ status: 200, body: {} });
}

/** Expects exactly one session reply containing `text`, delivered by the outbox. */
async function expectSessionReply(text: string) {
  let delivered = "";
  const session = nock(BASE)
    .post(SESSION_PATH, (body) => {
      delivered = body.text.content;
      return body.msgtype === "text";
    })
    .query({ session: "abc123" })
    .reply(200, { errcode: 0, errmsg: "ok" });
  const result = await t.bot.outbox.runOnce();
  expect(session.isDone()).toBe(true);
  expect(result.sent).toBe(1);
  expect(delivered).toContain(text);
}

describe("the DingTalk robot callback", () => {
  it("runs a whole story: report, accept, resolve, rate — replies through the sessionWebhook", async () => {
    await say("manager4220", "张阿姨", recorded.text.content);
    await expectSessionReply("已登记工单 #1");
    await t.request("PUT", `/api/groups/${(await tables(t.database.db).group.findFirstOrThrow({ where: { platform: "dingtalk" } })).id}/members`, {
      headers: auth,
      body: { platformUserId: "secretary01", name: "李书记", role: "secretary" },
    });
    await say("secretary01", "李书记", "受理 1");
    await expectSessionReply("已受理（李书记）");
    await say("secretary01", "李书记", "办结 1 电梯已修好");
    await expectSessionReply("已办结");
    await say("manager4220", "张阿姨", "评价 1 基本满意");
    await expectSessionReply("已关闭");
    const ticket = (await t.request("GET", "/api/tickets/1", { headers: auth })).body.ticket;
    expect(ticket).toMatchObject({ status: "closed", rating: "basically_satisfied", category: "repair" });
  });

  it("names a new member after the sender's nickname", async () => {
    await say("manager4220", "张阿姨", recorded.text.content);
    expect(await tables(t.database.db).member.findFirst({ where: { platform: "dingtalk", platformUserId: "manager4220" } })).toMatchObject({ name: "张阿姨" });
  });

  it("falls back to the group's signed robot webhook when the sessionWebhook has expired", async () => {
    await say("manager4220", "张阿姨", recorded.text.content, { sessionWebhookExpiredTime: t.clock.now().getTime() + 1000 });
    t.clock.advance(5000);
    let query: Record<string, string> = {};
    const webhook = nock(BASE)
      .post("/robot/send")
      .query((q) => {
        query = q as Record<string, string>;
        return true;
      })
      .reply(200, { errcode: 0, errmsg: "ok" });
    expect((await t.bot.outbox.runOnce()).sent).toBe(1);
    expect(webhook.isDone()).toBe(true);
    expect(query.access_token).toBe("ding-token");
    expect(query.timestamp).toBe(String(t.clock.now().getTime()));
    expect(query.sign).toBeTruthy();
  });

  it("ignores a sessionWebhook on another host and replies through the group's robot instead", async () => {
    await say("manager4220", "张阿姨", recorded.text.content, { sessionWebhook: "https://evil.example/steal" });
    const webhook = nock(BASE).post("/robot/send").query(true).reply(200, { errcode: 0 });
    expect((await t.bot.outbox.runOnce()).sent).toBe(1);
    expect(webhook.isDone()).toBe(true);
  });

  it("rejects a wrong sign or a stale timestamp with 401 and stores nothing", async () => {
    const body = callbackBody("manager4220", "张阿姨", recorded.text.content);
    const stale = dingtalkHeaders(new Date(t.clock.now().getTime() - 2 * 3_600_000));
    expect((await t.request("POST", "/dingtalk/callback", { headers: stale, body })).status).toBe(401);
    const wrong = { ...dingtalkHeaders(t.clock.now()), sign: "AAAA" };
    expect((await t.request("POST", "/dingtalk/callback", { headers: wrong, body })).status).toBe(401);
    expect((await t.request("POST", "/dingtalk/callback", { body })).status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("rejects a signed body of the wrong shape with 400", async () => {
    const response = await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(t.clock.now()), body: { msgtype: "text" } });
    expect(response.status).toBe(400);
  });

  it("stores a retried message once", async () => {
    const body = callbackBody("manager4220", "张阿姨", recorded.text.content);
    for (let i = 0; i < 2; i++) {
      expect((await t.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(t.clock.now()), body })).status).toBe(200);
    }
    expect(await tables(t.database.db).ticket.count()).toBe(1);
    expect(await tables(t.database.db).botPost.count({ where: { channel: "dingtalk_session" } })).toBe(1);
  });
});

describe("DingTalk's (timestamp, sign) pair, which does not cover the body", () => {
  it("is refused when replayed with another body within its hour, and binds nothing", async () => {
    const headers = dingtalkHeaders(t.clock.now());
    const first = callbackBody("manager4220", "张阿姨", recorded.text.content);
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: first })).status).toBe(200);
    t.clock.advance(50 * 60_000);
    const forged = callbackBody("attacker01", "路人", "绑定 阳光花园", { conversationId: "cidAttackerChat==" });
    expect((await t.request("POST", "/dingtalk/callback", { headers, body: forged })).status).toBe(401);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(1);
    expect(await tables(t.database.db).group.count({ where: { chatId: "cidAttackerChat==" } })).toBe(0);
  });
});

describe("a configured DingTalk robot code", () => {
  it("refuses a signed callback naming another robot", async () => {
    const other = await startTestBot({ env: { DINGTALK_APP_SECRET: DINGTALK_SECRET, DINGTALK_API_BASE: BASE, DINGTALK_ROBOT_CODE: "dingOurRobot" } });
    try {
      const body = callbackBody("manager4220", "张阿姨", recorded.text.content, { robotCode: "dingSomeoneElse" });
      expect((await other.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(other.clock.now()), body })).status).toBe(401);
      const ours = callbackBody("manager4220", "张阿姨", recorded.text.content, { robotCode: "dingOurRobot" });
      expect(
        (await other.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(new Date(other.clock.now().getTime() + 1)), body: ours })).status,
      ).toBe(200);
    } finally {
      await other.close();
    }
  });
});

describe("the sandbox next to a real platform", () => {
  it("is off by default once DingTalk is configured", async () => {
    expect((await t.request("GET", "/sandbox/groups")).status).toBe(404);
  });

  it("when switched on, never lets a sandbox member read or act on a DingTalk group's ticket", async () => {
    const both = await startTestBot({ env: { DINGTALK_APP_SECRET: DINGTALK_SECRET, DINGTALK_API_BASE: BASE, SANDBOX_ENABLED: "true" } });
    try {
      await both.request("POST", "/api/groups", {
        headers: auth,
        body: {
          platform: "dingtalk",
          chatId: recorded.conversationId,
          unitId: "xq-yangguang",
          kind: "residents",
          name: "阳光花园业主群",
          pushKey: "ding-token",
        },
      });
      const filed = await both.request("POST", "/dingtalk/callback", {
        headers: dingtalkHeaders(both.clock.now()),
        body: callbackBody("manager4220", "张阿姨", recorded.text.content),
      });
      expect(filed.status).toBe(200);
      expect(await tables(both.database.db).ticket.count()).toBe(1);
      const queued = await tables(both.database.db).botPost.count();
      expect(await both.say("g-yangguang", "u-li", "驳回 1 不归我们管")).toEqual([expect.stringContaining("找不到工单 #1")]);
      expect(await both.say("g-yangguang", "u-li", "进度 1")).toEqual([expect.stringContaining("找不到工单 #1")]);
      expect((await both.say("g-xingfu-staff", "u-li", "待办")).join("")).not.toContain("#1");
      expect(await tables(both.database.db).ticket.findFirstOrThrow()).toMatchObject({ status: "reported" });
      expect(await tables(both.database.db).botPost.count({ where: { channel: { not: "sandbox" } } })).toBe(queued);
      // Nothing about the DingTalk ticket reaches a sandbox group: not its red alert, not the daily digest.
      const red = callbackBody("manager4220", "张阿姨", "8号楼电梯困人了，快来人！");
      both.clock.advance(1);
      expect((await both.request("POST", "/dingtalk/callback", { headers: dingtalkHeaders(both.clock.now()), body: red })).status).toBe(200);
      await postDailyDigest(both.bot.deps, new Date(both.clock.now().getTime() + 86_400_000));
      const sandboxPosts = await tables(both.database.db).botPost.findMany({ where: { channel: "sandbox" } });
      expect(
        sandboxPosts.filter((post) => !post.text.startsWith("找不到工单") && /#[12]\b|新工单|电梯/.test(post.text)).map((post) => [post.groupId, post.text]),
      ).toEqual([]);
    } finally {
      await both.close();
    }
  });
});

describe("an unbound DingTalk chat", () => {
  it("gets one hint through the sessionWebhook and nothing is stored", async () => {
    let hint = "";
    const session = nock(BASE)
      .post(SESSION_PATH, (body) => {
        hint = body.text.content;
        return true;
      })
      .query(true)
      .reply(200, { errcode: 0 });
    await say("stranger01", "路人", "3号楼电梯坏了", { conversationId: "cidUnknownChat==" });
    // The callback is answered at once; the hint follows through the sessionWebhook.
    await eventually(() => session.isDone(), "the hint through the sessionWebhook");
    expect(hint).toContain("本群还没有绑定");
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
    expect(await tables(t.database.db).member.count({ where: { platform: "dingtalk" } })).toBe(0);
  });
});
