import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startConnections } from "../../../src/app.ts";
import { createLogger } from "../../../src/logger.ts";
import type { Inbound } from "../../../src/platforms/index.ts";
import { queuePosts } from "../../../src/features/delivery.ts";
import { inTransaction } from "../../../src/store/database.ts";
import { WecomLongConnection } from "../../../src/platforms/wecom/longConnection.ts";
import { eventually, FakeWecomGateway } from "../../helpers/fakeGateways.ts";
import { interceptOutboundHttp } from "../../helpers/nock.ts";
import { trackTimers } from "../../helpers/timers.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { tables } from "../../helpers/tables.ts";

const fixture = (name: string) => JSON.parse(readFileSync(new URL(`../../fixtures/wecom/${name}`, import.meta.url), "utf8"));
const textMessage = fixture("robot-text-group.json");
const CHAT = textMessage.chatid as string;
const BOT = { botId: "aibREPLACEDbotid000000000000000000", secret: "wecom-long-connection-secret" };
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

let gateway: FakeWecomGateway;
let t: TestBot;
let stoppables: { stop: () => Promise<void> }[] = [];
let sequence = 0;

interceptOutboundHttp();

beforeEach(async () => {
  gateway = await FakeWecomGateway.start(BOT);
  t = await startTestBot({
    now: "2026-11-23T17:10:00Z",
    env: {
      WECOM_BOT_TRANSPORT: "websocket",
      WECOM_BOT_ID: BOT.botId,
      WECOM_BOT_SECRET: BOT.secret,
      WECOM_BOT_WS_URL: gateway.url,
      BIND_OPERATORS: "wecom:admin01",
    },
  });
  stoppables = [];
});
afterEach(async () => {
  for (const stoppable of stoppables) await stoppable.stop();
  await t.close();
  await gateway.close();
});

async function connect(): Promise<void> {
  stoppables = startConnections(t.bot);
  await eventually(async () => gateway.subscribed.length > 0 && (await t.request("GET", "/readyz")).status === 200, "subscribed and ready");
}

async function bindYangguang(): Promise<string> {
  const bound = await t.request("POST", "/api/groups", {
    headers: auth,
    body: { platform: "wecom", chatId: CHAT, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
  });
  expect(bound.status).toBe(201);
  return bound.body.group.id as string;
}

/** A message frame from `userid` in the fixture's group; resolves with the bot's reply frame. */
async function say(userid: string, content: string) {
  const reqId = gateway.deliver("aibot_msg_callback", { ...textMessage, msgid: `ws-msg-${++sequence}`, from: { userid }, text: { content } });
  return { reqId, reply: await gateway.replyTo(reqId) };
}

describe("the WeCom long connection (WECOM_BOT_TRANSPORT=websocket)", () => {
  it("subscribes with the bot id and secret, files a report from a message frame and answers with the same req_id", async () => {
    await bindYangguang();
    await connect();
    const subscribe = gateway.sent("aibot_subscribe");
    expect(subscribe).toHaveLength(1);
    expect(subscribe[0]!.body).toMatchObject({ bot_id: BOT.botId, secret: BOT.secret });

    const { reqId, reply } = await say("zhangsan", "@议事助手 3号楼2单元楼道灯不亮了");
    expect(reply.headers.req_id).toBe(reqId);
    expect(reply.body).toMatchObject({ msgtype: "stream", stream: { finish: true } });
    expect(reply.body.stream.content).toContain("已登记工单 #1");
    expect(await t.ticket(1)).toMatchObject({ status: "reported", unitId: "xq-yangguang" });
    // The same message delivered twice (WeCom may repeat a msgid) is answered from storage, not filed again.
    const again = gateway.deliver("aibot_msg_callback", { ...textMessage, msgid: `ws-msg-${sequence}`, from: { userid: "zhangsan" } });
    expect((await gateway.replyTo(again)).body.stream.content).toContain("已登记工单 #1");
    expect(await tables(t.database.db).ticket.count()).toBe(1);
  });

  it("has no callback route: the robot's messages come only over the connection", async () => {
    expect((await t.request("POST", "/wecom/bot?msg_signature=x&timestamp=1&nonce=1", { body: { encrypt: "x" } })).status).toBe(404);
    expect(t.bot.platforms.get("wecom")?.capabilities.longConnection).toBe(true);
  });

  it("pushes the outbox's posts over the connection (aibot_send_msg, markdown) to the robot's group", async () => {
    const groupId = await bindYangguang();
    await connect();
    await inTransaction(t.database.db, (tx) =>
      queuePosts(
        tx,
        t.bot.platforms,
        [{ groupId, text: "明天上午9点至12点停水，请提前储水。", mentions: [], kind: "notice", ticketNumber: null }],
        t.clock.now(),
      ),
    );
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 1 });
    const [push] = gateway.sent("aibot_send_msg");
    expect(push!.body).toEqual({
      chatid: CHAT,
      chat_type: 2,
      msgtype: "markdown",
      markdown: { content: "明天上午9点至12点停水，请提前储水。" },
    });
    expect(await tables(t.database.db).botPost.findFirst({ where: { kind: "notice" } })).toMatchObject({ channel: "wecom_ws", status: "sent" });
  });

  it("carries the rating card to the residents' group when 办结 comes from the work group, and takes its click (#18)", async () => {
    await bindYangguang();
    const staffChat = "wrkSTAFFgroupOfXingfuCommunity00";
    const staff = await t.request("POST", "/api/groups", {
      headers: auth,
      body: { platform: "wecom", chatId: staffChat, unitId: "sq-xingfu", kind: "staff", name: "幸福社区工作群" },
    });
    expect(staff.status).toBe(201);
    const granted = await t.request("PUT", `/api/groups/${staff.body.group.id}/members`, {
      headers: auth,
      body: { platformUserId: "wangwg", name: "王网格", role: "grid_worker" },
    });
    expect(granted.status).toBe(200);
    await connect();
    await say("zhangsan", "@议事助手 3号楼2单元楼道灯不亮了");
    const inWorkGroup = async (content: string) => {
      const reqId = gateway.deliver("aibot_msg_callback", {
        ...textMessage,
        chatid: staffChat,
        msgid: `ws-msg-${++sequence}`,
        from: { userid: "wangwg" },
        text: { content },
      });
      return gateway.replyTo(reqId);
    };
    await inWorkGroup("@议事助手 受理 1");
    expect((await inWorkGroup("@议事助手 办结 1 已更换灯泡")).body.stream.content).toContain("已办结");
    await t.bot.outbox.runOnce();
    const card = await eventually(() => gateway.sent("aibot_send_msg").find((frame) => frame.body.msgtype === "template_card"), "the rating request's card");
    const pushes = gateway.sent("aibot_send_msg");
    expect(card.body).toMatchObject({ chatid: CHAT, template_card: { card_type: "button_interaction", main_title: { title: "工单 #1 已办结，请评价" } } });
    const words = pushes[pushes.indexOf(card) - 1]!;
    expect(words.body).toMatchObject({ chatid: CHAT, msgtype: "markdown" });
    expect(words.body.markdown.content).toContain("请评价");

    const taskId = card.body.template_card.task_id as string;
    const reqId = gateway.deliver("aibot_event_callback", {
      ...fixture("robot-card-event-nested.json"),
      chatid: CHAT,
      event: { eventtype: "template_card_event", template_card_event: { card_type: "button_interaction", event_key: "评价 1 满意", task_id: taskId } },
    });
    const update = await eventually(() => gateway.sent("aibot_respond_update_msg").find((frame) => frame.headers.req_id === reqId), "the card's update");
    expect(update.body).toMatchObject({ response_type: "update_template_card", template_card: { sub_title_text: "已记录：满意" } });
    expect(await t.ticket(1)).toMatchObject({ status: "closed", rating: "satisfied" });
  });

  it("keeps a push for later while the connection is down, and a refused push as a dead letter", async () => {
    const groupId = await bindYangguang();
    const post = { groupId, text: "周六上午社区议事会", mentions: [], kind: "notice" as const, ticketNumber: null };
    await inTransaction(t.database.db, (tx) => queuePosts(tx, t.bot.platforms, [post], t.clock.now()));
    // Not connected yet: the post is not claimed at all (no attempt counted, no frame sent), it waits.
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 0, retried: 0, dead: 0 });
    expect(await tables(t.database.db).botPost.findFirst({ where: { kind: "notice" } })).toMatchObject({ status: "pending", attempts: 0 });
    await connect();
    gateway.sendErrcode = 40008;
    t.clock.advance(10 * 60_000);
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 0, dead: 1 });
    expect(await tables(t.database.db).botPost.findFirst({ where: { kind: "notice" } })).toMatchObject({ status: "dead", lastError: "errcode 40008: refused" });
  });

  it("waits out WeCom's frequency limit (45009) on a push without counting an attempt", async () => {
    const groupId = await bindYangguang();
    const post = { groupId, text: "周日下午楼道大扫除", mentions: [], kind: "notice" as const, ticketNumber: null };
    await inTransaction(t.database.db, (tx) => queuePosts(tx, t.bot.platforms, [post], t.clock.now()));
    await connect();
    gateway.sendErrcode = 45009;
    expect(await t.bot.outbox.runOnce()).toMatchObject({ sent: 0, retried: 1 });
    const waiting = await tables(t.database.db).botPost.findFirstOrThrow({ where: { kind: "notice" } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 0 });
    expect(waiting.lastError).toMatch(/^rate limited: errcode 45009/);
    expect(waiting.nextAttemptAt!.getTime() - t.clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
  });

  it("reconnects after the gateway drops the socket, reports it on /readyz meanwhile, and keeps answering", async () => {
    await bindYangguang();
    await connect();
    gateway.dropAll();
    const down = await eventually(async () => {
      const ready = await t.request("GET", "/readyz");
      return ready.status === 503 && ready;
    }, "/readyz to report the lost connection");
    expect(down.body.reason).toMatch(/^wecom long connection: reconnecting/);
    await eventually(() => gateway.subscribed.length === 2, "a second subscribe");
    await eventually(async () => (await t.request("GET", "/readyz")).status === 200, "ready again");
    const { reply } = await say("lisi", "@议事助手 5号楼电梯坏了");
    expect(reply.body.stream.content).toContain("已登记工单 #1");
  });

  it("stops cleanly: the socket is closed, no reconnect follows and no timer is left", async () => {
    const timers = trackTimers();
    try {
      await connect();
      await Promise.all(stoppables.map((stoppable) => stoppable.stop()));
      stoppables = [];
      await eventually(() => gateway.openConnections === 0, "the socket to close");
      // No heartbeat, no pending reconnect (a reconnect after the stop would need one of these).
      expect(timers.pendingFrom(/src\/platforms\/wecom\/|node_modules\/@wecom\//)).toEqual([]);
      expect(gateway.subscribed).toHaveLength(1);
    } finally {
      timers.restore();
    }
  });

  it("ignores events it has no use for (entering a 1:1 chat) without answering", async () => {
    await connect();
    const ignored = gateway.deliver("aibot_event_callback", {
      msgid: "ev-1",
      create_time: 1795453800,
      aibotid: BOT.botId,
      chattype: "single",
      from: { userid: "zhangsan" },
      msgtype: "event",
      event: { eventtype: "enter_chat" },
    });
    // A message after it is answered: by then the event was handled, and it was not answered.
    const { reply } = await say("zhangsan", "@议事助手 你好");
    expect(gateway.sent("aibot_respond_msg")).toEqual([reply]);
    expect(reply.headers.req_id).not.toBe(ignored);
  });
});

describe("the WeCom long connection's operator messages", () => {
  function capture() {
    const lines: { level: number; msg: string; [key: string]: unknown }[] = [];
    const logger = createLogger("info", { write: (line: string) => void lines.push(JSON.parse(line)) });
    return { lines, logger };
  }
  const inbound = (logger: ReturnType<typeof createLogger>): Inbound => ({
    receive: () => Promise.reject(new Error("no message expected")),
    clock: () => new Date(),
    receiveAction: () => Promise.reject(new Error("no click expected")),
    imageMaxBytes: 10 * 1024 * 1024,
    photo: () => Promise.resolve(null),
    bodyLimit: 65536,
    botName: "议事助手",
    db: t.database.db,
    logger,
    apology: "抱歉",
    zone: "Asia/Shanghai",
  });

  it("says in plain words that the secret was refused, gives up after the allowed attempts, and never logs the secret", async () => {
    const { lines, logger } = capture();
    const connection = new WecomLongConnection(inbound(logger), {
      ...BOT,
      secret: "wrong-secret-value",
      wsUrl: gateway.url,
      reconnectBaseMs: 20,
      maxAuthFailures: 2,
    });
    connection.start();
    stoppables = [connection];
    await eventually(() => connection.downReason()?.includes("gave up"), "the connection to give up");
    expect(gateway.sent("aibot_subscribe")).toHaveLength(3);
    const refused = lines.find((line) => line.msg.includes("认证失败"));
    expect(refused?.msg).toContain("WECOM_BOT_SECRET");
    expect(lines.some((line) => line.msg.includes("已停止重连"))).toBe(true);
    expect(JSON.stringify(lines)).not.toContain("wrong-secret-value");
  });

  it("asks the sender to send again when the message could not be stored (WeCom does not resend it)", async () => {
    const { logger } = capture();
    const connection = new WecomLongConnection(
      { ...inbound(logger), receive: () => Promise.reject(new Error("database is locked")), apology: "抱歉，系统刚才出了点问题，请稍后再发一次。" },
      { ...BOT, wsUrl: gateway.url },
    );
    connection.start();
    stoppables = [connection];
    await eventually(() => connection.downReason() === undefined, "the connection to come up");
    const reqId = gateway.deliver("aibot_msg_callback", { ...textMessage, msgid: "ws-unstored" });
    expect((await gateway.replyTo(reqId)).body.stream.content).toBe("抱歉，系统刚才出了点问题，请稍后再发一次。");
  });

  it("treats a gateway that stops answering pings as gone, and reconnects", async () => {
    const { logger } = capture();
    const connection = new WecomLongConnection(inbound(logger), { ...BOT, wsUrl: gateway.url, heartbeatMs: 50, reconnectBaseMs: 20 });
    connection.start();
    stoppables = [connection];
    await eventually(() => connection.downReason() === undefined, "the connection to come up");
    gateway.answerPings = false;
    await eventually(() => gateway.subscribed.length === 2, "a second subscribe");
    expect(gateway.sent("ping").length).toBeGreaterThanOrEqual(2);
  });

  it("warns when another connection takes the robot over, and does not fight for it", async () => {
    const { lines, logger } = capture();
    const connection = new WecomLongConnection(inbound(logger), { ...BOT, wsUrl: gateway.url, reconnectBaseMs: 20 });
    connection.start();
    stoppables = [connection];
    await eventually(() => connection.downReason() === undefined, "the connection to come up");
    expect(lines.some((line) => line.msg.includes("企业微信长连接已连接"))).toBe(true);
    gateway.deliver("aibot_event_callback", {
      msgid: "ev-2",
      create_time: 1795453800,
      aibotid: BOT.botId,
      msgtype: "event",
      from: { userid: "" },
      event: { eventtype: "disconnected_event" },
    });
    await eventually(() => connection.downReason() === "another connection took over this robot", "the takeover to be noticed");
    expect(lines.find((line) => line.level === 40 && line.msg.includes("顶替"))?.msg).toContain("同一个智能机器人只能有一个长连接");
    // WeCom then closes the replaced connection; from then on nothing is set to bring it back.
    const timers = trackTimers();
    try {
      gateway.dropAll();
      await eventually(() => gateway.openConnections === 0, "the replaced connection to close");
      await eventually(() => lines.some((line) => /断开|lost/.test(line.msg)) || connection.downReason() !== undefined, "the close to be seen");
      expect(timers.pendingFrom(/src\/platforms\/wecom\/|node_modules\/@wecom\//)).toEqual([]);
    } finally {
      timers.restore();
    }
    expect(gateway.subscribed).toHaveLength(1);
  });
});
