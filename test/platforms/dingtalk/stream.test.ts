import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConnections } from "../../../src/app.ts";
import { createLogger } from "../../../src/logger.ts";
import type { Inbound } from "../../../src/platforms/index.ts";
import { DingtalkStreamConnection } from "../../../src/platforms/dingtalk/stream.ts";
import { eventually, FakeDingtalkStream, TOPIC_ROBOT } from "../../helpers/fakeGateways.ts";
import { interceptOutboundHttp, nock } from "../../helpers/nock.ts";
import { trackTimers } from "../../helpers/timers.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const message = JSON.parse(readFileSync(new URL("../../fixtures/dingtalk/callback-text-group.json", import.meta.url), "utf8"));
const APP = { clientId: "dingappkey000000", clientSecret: "dingtalk-stream-client-secret" };
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let stream: FakeDingtalkStream;
let t: TestBot;
let stoppables: { stop: () => Promise<void> }[] = [];
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  stream = await FakeDingtalkStream.start(APP);
  t = await startTestBot({
    // Before the fixture's sessionWebhook expires.
    now: "2026-11-23T17:10:00Z",
    env: { DINGTALK_TRANSPORT: "stream", DINGTALK_APP_KEY: APP.clientId, DINGTALK_APP_SECRET: APP.clientSecret },
  });
  stoppables = [];
});
afterEach(async () => {
  for (const stoppable of stoppables) await stoppable.stop();
  await t.close();
  await stream.close();
});

async function connect(): Promise<void> {
  stoppables = startConnections(t.bot);
  await eventually(async () => stream.openConnections > 0 && (await t.request("GET", "/readyz")).status === 200, "connected and ready");
}

async function bindYangguang(): Promise<void> {
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "dingtalk", chatId: message.conversationId, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
  });
  expect(bound.status).toBe(201);
}

/** Intercepts the session webhook the fixture names and collects what the bot posts there. */
function sessionWebhook(): { text: string }[] {
  const posted: { text: string }[] = [];
  nock("https://oapi.dingtalk.com")
    .persist()
    .post("/robot/sendBySession")
    .query({ session: "c2f6bd4e0c1b2a3f" })
    .reply((_uri, body) => {
      posted.push({ text: (body as { text: { content: string } }).text.content });
      return [200, { errcode: 0, errmsg: "ok" }];
    });
  return posted;
}

function robotMessage(content: string, senderStaffId = "manager4220") {
  return { ...message, msgId: `stream-msg-${++sequence}`, senderStaffId, text: { content } };
}

describe("DingTalk Stream (DINGTALK_TRANSPORT=stream)", () => {
  it("opens the gateway with the app key and secret, subscribed to robot messages, and needs no callback route", async () => {
    await connect();
    expect(stream.opens).toHaveLength(1);
    expect(stream.opens[0]!.clientId).toBe(APP.clientId);
    expect(stream.opens[0]!.subscriptions).toContainEqual({ type: "CALLBACK", topic: TOPIC_ROBOT });
    expect((await t.request("POST", "/dingtalk/callback", { body: message })).status).toBe(404);
  });

  it("files a robot message, acks its CALLBACK frame, and replies through the sessionWebhook", async () => {
    await bindYangguang();
    const posted = sessionWebhook();
    await connect();
    const messageId = stream.pushRobotMessage(robotMessage(" 3号楼电梯坏了，老人下不了楼"));
    const ack = await stream.ackOf(messageId);
    expect(ack).toMatchObject({ code: 200, headers: { messageId }, data: JSON.stringify({ response: null }) });
    expect(await t.ticket(1)).toMatchObject({ status: "reported", unitId: "xq-yangguang" });
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 1 });
    expect(posted).toHaveLength(1);
    expect(posted[0]!.text).toContain("已登记工单 #1");
  });

  it("answers an unbound chat with the hint, as the callback does", async () => {
    const posted = sessionWebhook();
    await connect();
    await stream.ackOf(stream.pushRobotMessage(robotMessage("你好")));
    await eventually(() => posted.length === 1, "the hint");
    expect(posted[0]!.text).toContain("本群还没有绑定");
  });

  it("acks a frame that is not a robot message without acting on it", async () => {
    await connect();
    const messageId = stream.pushRobotMessage({ hello: "world" });
    expect((await stream.ackOf(messageId)).code).toBe(200);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
  });

  it("reconnects with a new ticket after the gateway drops the socket, and keeps filing", async () => {
    await bindYangguang();
    sessionWebhook();
    await connect();
    stream.dropAll();
    const down = await eventually(async () => {
      const ready = await t.request("GET", "/readyz");
      return ready.status === 503 && ready;
    }, "/readyz to report the lost connection");
    expect(down.body.reason).toMatch(/^dingtalk stream: reconnecting/);
    await eventually(() => stream.opens.length === 2 && stream.openConnections === 1, "a new ticket and connection");
    await stream.ackOf(stream.pushRobotMessage(robotMessage(" 5号楼门禁坏了")));
    expect(await t.ticket(1)).toMatchObject({ status: "reported" });
  });

  it("moves to a new connection when the gateway says disconnect", async () => {
    await connect();
    stream.system("disconnect");
    await eventually(() => stream.opens.length === 2 && stream.openConnections === 1, "a new connection");
  });

  it("stops cleanly after a reconnect: the socket is closed, no reconnect follows and no timer is left", async () => {
    const timers = trackTimers();
    try {
      await connect();
      // The SDK would leave the dropped socket's keepAlive interval running.
      stream.dropAll();
      await eventually(() => stream.opens.length === 2 && stream.openConnections === 1, "a new connection");
      await Promise.all(stoppables.map((stoppable) => stoppable.stop()));
      stoppables = [];
      await eventually(() => stream.openConnections === 0, "the socket to close");
      // No keepAlive interval, no pending reconnect (a reconnect after the stop would need one of these).
      expect(timers.pendingFrom(/src\/platforms\/dingtalk\/|node_modules\/dingtalk-stream\//)).toEqual([]);
      expect(stream.opens).toHaveLength(2);
    } finally {
      timers.restore();
    }
  });

  it("takes a message id with one identity only: a frame reusing it for another chat is acked and not acted on", async () => {
    await bindYangguang();
    sessionWebhook();
    await connect();
    // The first was for a chat the bot does not know (answered with a hint, nothing stored).
    const first = robotMessage(" 3号楼电梯坏了，老人下不了楼");
    await stream.ackOf(stream.pushRobotMessage({ ...first, conversationId: "cidUnknownChat==" }));
    expect((await stream.ackOf(stream.pushRobotMessage(first))).code).toBe(200);
    expect(await tables(t.database.db).inboundMessage.count()).toBe(0);
    expect(await tables(t.database.db).ticket.count()).toBe(0);
  });
});

describe("DingTalk Stream, built directly", () => {
  function inboundWith(receive: Inbound["receive"], lines: { level: number; msg: string }[] = []): Inbound {
    return {
      receive,
      clock: () => new Date(),
      receiveAction: () => Promise.reject(new Error("no click expected")),
      imageMaxBytes: 10 * 1024 * 1024,
      photo: () => Promise.resolve(null),
      bodyLimit: 65536,
      botName: "议事助手",
      db: t.database.db,
      logger: createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line)) }),
      apology: "抱歉",
      zone: "Asia/Shanghai",
    };
  }

  it("leaves a message it could not store unacked, so that DingTalk pushes it again, and acks it once stored", async () => {
    let calls = 0;
    const lines: { level: number; msg: string }[] = [];
    const connection = new DingtalkStreamConnection(
      inboundWith(() => (++calls === 1 ? Promise.reject(new Error("database is locked")) : Promise.resolve({ status: "handled", replies: [] })), lines),
      { ...APP, apiBase: "https://oapi.dingtalk.com" },
    );
    connection.start();
    stoppables = [connection];
    await eventually(() => connection.downReason() === undefined, "the connection to come up");
    const body = robotMessage(" 3号楼电梯坏了");
    stream.pushRobotMessage(body, "push-1");
    await eventually(() => calls === 1, "the first delivery");
    // The connection is done with the first delivery once it says so: nothing was acked by then.
    await eventually(() => lines.some((line) => line.msg.startsWith("robot message not stored")), "the first delivery left unacked");
    expect(stream.acks.filter((ack) => ack.headers?.messageId === "push-1")).toEqual([]);
    stream.pushRobotMessage(body, "push-1");
    expect((await stream.ackOf("push-1")).code).toBe(200);
    expect(calls).toBe(2);
  });

  it("says in plain words that the app key or secret was refused, keeps trying, and never logs the secret", async () => {
    const lines: { level: number; msg: string }[] = [];
    const inbound = inboundWith(() => Promise.reject(new Error("no message expected")), lines);
    const connection = new DingtalkStreamConnection(inbound, {
      clientId: APP.clientId,
      clientSecret: "wrong-stream-secret",
      apiBase: "https://oapi.dingtalk.com",
      reconnectBaseMs: 20,
    });
    connection.start();
    stoppables = [connection];
    await eventually(() => lines.filter((line) => line.msg.includes("认证失败")).length >= 2, "two refusals");
    expect(connection.downReason()).toBe("DingTalk refused the app key or secret");
    expect(lines.find((line) => line.msg.includes("认证失败"))).toMatchObject({ level: 50, status: 401, code: "InvalidAuthentication" });
    expect(lines[0]!.msg).toContain("DINGTALK_APP_SECRET");
    expect(JSON.stringify(lines)).not.toContain("wrong-stream-secret");
  });
});
