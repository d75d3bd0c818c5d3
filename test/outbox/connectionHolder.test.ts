import { readFileSync } from "node:fs";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { holdConnectionsWhenElected } from "../../src/app.ts";
import { queuePosts } from "../../src/features/delivery.ts";
import { inTransaction } from "../../src/store/database.ts";
import { eventually, FakeWecomGateway } from "../helpers/fakeGateways.ts";
import { interceptOutboundHttp } from "../helpers/nock.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

// Two instances on one database, both configured for WeCom's long connection; only the lease holder opens it.
const textMessage = JSON.parse(readFileSync(new URL("../fixtures/wecom/robot-text-group.json", import.meta.url), "utf8"));
const CHAT = textMessage.chatid as string;
const BOT = { botId: "aibREPLACEDbotid000000000000000000", secret: "wecom-long-connection-secret" };
const LEASE = { leaseMs: 20_000, renewMs: 100 };

let gateway: FakeWecomGateway;
let first: TestBot;
let second: TestBot;
let holds: { stop: () => Promise<void> }[][] = [];

interceptOutboundHttp();

beforeEach(async () => {
  gateway = await FakeWecomGateway.start(BOT);
  const env = { WECOM_BOT_TRANSPORT: "websocket", WECOM_BOT_ID: BOT.botId, WECOM_BOT_SECRET: BOT.secret, WECOM_BOT_WS_URL: gateway.url };
  first = await startTestBot({ now: "2026-11-23T02:00:00Z", env });
  second = await startTestBot({ now: "2026-11-23T02:00:00Z", env, sharing: first.database });
  holds = [];
});
afterEach(async () => {
  for (const stoppables of holds) for (const stoppable of stoppables) await stoppable.stop();
  await second.close();
  await first.close();
  await gateway.close();
});

async function bindGroup(): Promise<string> {
  const bound = await first.request("POST", "/api/groups", {
    headers: { authorization: `Bearer ${ADMIN_TOKEN}` },
    body: { platform: "wecom", chatId: CHAT, unitId: "xq-yangguang", kind: "residents", name: "阳光花园业主群" },
  });
  expect(bound.status).toBe(201);
  return bound.body.group.id as string;
}

async function queue(groupId: string, ...texts: string[]): Promise<void> {
  const posts = texts.map((text) => ({ groupId, text, mentions: [], kind: "notice" as const, ticketNumber: null }));
  await inTransaction(first.database.db, (tx) => queuePosts(tx, first.bot.platforms, posts, first.clock.now()));
}

const pushed = () => gateway.sent("aibot_send_msg").map((frame) => (frame.body as { markdown: { content: string } }).markdown.content);
const posts = () => tables(first.database.db).botPost.findMany({ where: { kind: "notice" }, orderBy: { id: "asc" } });

/** Starts an instance's election and waits until the gateway has `subscriptions` accepted and that instance is ready. */
async function elect(instance: TestBot, holder: string, subscriptions: number): Promise<{ stop: () => Promise<void> }[]> {
  const stoppables = holdConnectionsWhenElected(instance.bot, { holder, clock: instance.clock.now, ...LEASE });
  holds.push(stoppables);
  await eventually(
    async () => gateway.subscribed.length === subscriptions && (await instance.request("GET", "/readyz")).status === 200,
    `${holder} subscribed`,
  );
  return stoppables;
}

describe("posts over the WeCom long connection with two instances on one database", () => {
  it("are claimed only by the instance holding the connection, and by the next holder once the lease moves", async () => {
    const groupId = await bindGroup();
    const firstHolds = await elect(first, "first", 1);
    holdConnectionsWhenElected(second.bot, { holder: "second", clock: second.clock.now, ...LEASE }).forEach((stoppable) => holds.push([stoppable]));
    await eventually(async () => (await second.request("GET", "/readyz")).body.longConnections === "standby", "second on standby");

    await queue(groupId, "一号通知", "二号通知");
    // The standby leaves them alone: nothing claimed, no attempt counted, nothing pushed.
    expect(await second.bot.outbox.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await posts()).toMatchObject([
      { status: "pending", attempts: 0, claimedBy: null },
      { status: "pending", attempts: 0, claimedBy: null },
    ]);
    expect(await first.bot.outbox.runOnce(1)).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(pushed()).toEqual(["一号通知"]);

    // The holder shuts down and gives the lease up: the standby takes it, opens the connection and sends the rest.
    for (const stoppable of firstHolds) await stoppable.stop();
    await eventually(async () => gateway.subscribed.length === 2 && (await second.request("GET", "/readyz")).status === 200, "second subscribed");
    await queue(groupId, "三号通知");
    expect(await first.bot.outbox.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    expect(await second.bot.outbox.runOnce()).toEqual({ sent: 2, retried: 0, dead: 0 });
    expect(pushed()).toEqual(["一号通知", "二号通知", "三号通知"]);
    expect(await posts()).toMatchObject([
      { status: "sent", attempts: 1 },
      { status: "sent", attempts: 1 },
      { status: "sent", attempts: 1 },
    ]);
  });
});
