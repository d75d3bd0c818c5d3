import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../../src/logger.ts";
import { WebhookWorker } from "../../../src/features/webhooks/worker.ts";
import type { Database } from "../../../src/store/database.ts";
import { claimNextDelivery } from "../../../src/store/webhookDeliveries.ts";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { FakeReceiver } from "./fakeReceiver.ts";

const RESIDENTS = "g-yangguang";
const STAFF = "g-xingfu-staff";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const ALL_EVENTS = [
  "ticket.reported",
  "ticket.accepted",
  "ticket.assigned",
  "ticket.escalated",
  "ticket.resolved",
  "ticket.rated",
  "ticket.reopened",
  "meeting.decided",
];

let t: TestBot;
let receiver: FakeReceiver;
beforeEach(async () => {
  t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
  receiver = new FakeReceiver(() => Math.floor(t.clock.now().getTime() / 1000));
  await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
  await t.close();
});

async function register(body: Record<string, unknown>) {
  const answer = await t.request("POST", "/api/webhooks", { headers: auth, body });
  expect(answer.status).toBe(201);
  receiver.secrets.push(answer.body.secret);
  return answer.body.endpoint as { id: number };
}

/** A worker of its own on `db` (another instance's, when given another connection). */
function worker(db: Database, instance: string) {
  return new WebhookWorker({ db, clock: t.clock.now, logger: createLogger("silent"), timeoutMs: 5_000, maxAttempts: 5, random: () => 0.5, instance });
}

const run = () => t.bot.webhooks.runOnce();
const deliveries = async (query = "") => (await t.request("GET", `/api/webhooks/deliveries${query}`, { headers: auth })).body.items as any[];

describe("signed webhooks", () => {
  it("sends every event the commands cause, signed, in order, without names or whole phone numbers", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ALL_EVENTS });
    await t.say(RESIDENTS, "u-zhang", "@议事助手 3号楼2单元楼道灯不亮了，电话13812345678");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-li", "派单 1 物业");
    await t.say(RESIDENTS, "u-sun", "办结 1 已更换灯泡");
    await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 二楼还是不亮");
    await t.say(RESIDENTS, "u-li", "升级 1 物业说不归他们管");
    expect(await run()).toEqual({ delivered: 7, retried: 0, dead: 0 });

    expect(receiver.received.every((item) => item.refused === null)).toBe(true);
    expect(receiver.accepted.map((document) => document.type)).toEqual([
      "ticket.reported",
      "ticket.accepted",
      "ticket.assigned",
      "ticket.resolved",
      "ticket.rated",
      "ticket.reopened",
      "ticket.escalated",
    ]);
    const escalated = receiver.accepted.at(-1);
    expect(escalated).toMatchObject({
      version: 1,
      occurredAt: "2026-11-23T10:00:00+08:00",
      unit: { id: "xq-yangguang", name: "阳光花园", level: "estate" },
      ticket: { number: 1, status: "reported", category: "repair", colour: "yellow", level: "community", handlingUnit: { id: "sq-xingfu", name: "幸福社区" } },
    });
    expect(escalated.ticket.resolveDueAt).toMatch(/\+08:00$/);
    const first = receiver.received[0]!;
    expect(first.headers["x-yishi-event"]).toBe("ticket.reported");
    expect(first.headers["x-yishi-delivery"]).toBe(first.document.id);
    expect(first.headers["x-yishi-signature"]).toMatch(/^v1=[0-9a-f]{64}$/);
    const everything = receiver.received.map((item) => item.body).join("\n");
    expect(everything).toContain("138****5678");
    expect(everything).not.toContain("13812345678");
    for (const name of ["张阿姨", "李书记", "孙物业"]) expect(everything).not.toContain(name);
    expect(new Set(receiver.accepted.map((document) => document.id)).size).toBe(7);
  }, 60_000); // many messages: longer than 20 s on a busy machine's PostgreSQL

  it("tells of a meeting's decision, and of nothing outside the endpoint's subtree", async () => {
    await register({ unitId: "xq-yangguang", url: receiver.url, events: ["meeting.decided", "ticket.reported"] });
    await t.say("g-lijing", "u-zhao", "@议事助手 丽景苑东门的路灯坏了"); // another estate: not this endpoint's
    await t.say(RESIDENTS, "u-zhang", "@议事助手 2号楼旁边想装充电桩，大家充电太难了");
    await t.say(RESIDENTS, "u-li", "上会 2");
    await t.say(RESIDENTS, "u-li", "新建议事会 12月5日19:30 社区活动室 讨论充电桩安装");
    t.clock.set("2026-12-05T11:45:00Z");
    await t.say(RESIDENTS, "u-zhou", "决议 1 1 同意在2号楼旁安装充电桩 负责人:孙物业 期限:12月20日");
    await run();
    expect(receiver.accepted.map((document) => [document.type, document.ticket?.number ?? document.item?.ticketNumber])).toEqual([
      ["ticket.reported", 2],
      ["meeting.decided", 2],
    ]);
    expect(receiver.accepted[1]).toMatchObject({
      occurredAt: "2026-12-05T19:45:00+08:00",
      meeting: { number: 1, startsAt: "2026-12-05T19:30:00+08:00" },
      item: { seq: 1, decision: expect.stringContaining("同意在2号楼旁安装充电桩"), dueAt: "2026-12-20T23:59:00+08:00" },
    });
    expect(receiver.received[1]!.body).not.toContain("孙物业");
  }, 60_000); // many messages: longer than 20 s on a busy machine's PostgreSQL

  it("retries through an outage with backoff, on the fake clock, and delivers once", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] });
    await receiver.stop();
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    expect(await run()).toEqual({ delivered: 0, retried: 1, dead: 0 });
    const [waiting] = await deliveries();
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastStatus: null });
    expect(waiting.lastError).toBeTruthy();

    await receiver.start(); // the same port, up again
    expect(await run()).toEqual({ delivered: 0, retried: 0, dead: 0 }); // not due yet: 5 s ± 20% of backoff
    t.clock.advance(6_000);
    expect(await run()).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect(receiver.accepted).toHaveLength(1);
    expect(receiver.accepted[0].id).toBe(waiting.eventId);
    expect(await run()).toEqual({ delivered: 0, retried: 0, dead: 0 });
  });

  it("keeps each ticket's order: a later event waits for the earlier one, other tickets do not", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.accepted"] });
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    await t.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯异响很大");
    receiver.answer({ status: 503 });
    expect(await run()).toEqual({ delivered: 1, retried: 1, dead: 0 });
    // #1's report failed: its acceptance waits; #2's report went out.
    expect(receiver.accepted.map((document) => [document.type, document.ticket.number])).toEqual([["ticket.reported", 2]]);
    t.clock.advance(6_000); // 5 s ± 20%
    await run();
    expect(receiver.accepted.map((document) => [document.type, document.ticket.number])).toEqual([
      ["ticket.reported", 2],
      ["ticket.reported", 1],
      ["ticket.accepted", 1],
    ]);
  });

  it("honours Retry-After on 429, and a 4xx is a dead letter at once, listed and replayed by its id", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.accepted"] });
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    receiver.answer({ status: 429, headers: { "retry-after": "120" } });
    await run();
    const [limited] = await deliveries();
    expect(limited).toMatchObject({ status: "pending", lastStatus: 429 });
    expect(new Date(limited.nextAttemptAt).getTime() - t.clock.now().getTime()).toBe(120_000);
    t.clock.advance(120_000);
    receiver.answer({ status: 400, body: '{"error":"unknown category"}' });
    await t.say(RESIDENTS, "u-li", "受理 1");
    expect(await run()).toEqual({ delivered: 1, retried: 0, dead: 1 });
    // Dead: the ticket's next event is not held back by it.
    expect(receiver.accepted.map((document) => document.type)).toEqual(["ticket.accepted"]);
    const [dead] = await deliveries("?status=dead");
    expect(dead).toMatchObject({ type: "ticket.reported", attempts: 2, lastStatus: 400, lastError: 'HTTP 400: {"error":"unknown category"}' });

    const replayed = await t.request("POST", `/api/webhooks/events/${dead.eventId}/replay`, { headers: auth });
    expect(replayed.status).toBe(200);
    expect(replayed.body.items).toMatchObject([{ eventId: dead.eventId, status: "pending", attempts: 0 }]);
    await run();
    expect(receiver.accepted.map((document) => document.id)).toContain(dead.eventId);
    // A second replay of what the receiver has: the same id, which it drops.
    await t.request("POST", `/api/webhooks/events/${dead.eventId}/replay`, { headers: auth });
    await run();
    expect(receiver.received.at(-1)!.refused).toBe("duplicate");
    expect((await t.request("POST", "/api/webhooks/events/no-such-event/replay", { headers: auth })).status).toBe(404);
  });

  it("is never sent twice after a restart; a claim left by a crash mid-send is sent once more, with the same id", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] });
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    await run();
    // A new instance on the same database, with its own connection and worker.
    const restarted = await startTestBot({ sharing: t.database, now: t.clock.now().toISOString() });
    try {
      expect(await worker(restarted.database.db, "restarted").runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });
      await t.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯异响很大");
      // Claimed by an instance that dies before it records the send.
      const now = t.clock.now();
      expect(await claimNextDelivery(t.database.db, { claimedBy: "crashed", now, leaseUntil: new Date(now.getTime() + 60_000) })).not.toBeNull();
      expect(await worker(restarted.database.db, "restarted").runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });
      t.clock.advance(60_000);
      expect(await worker(restarted.database.db, "restarted").runOnce()).toEqual({ delivered: 1, retried: 0, dead: 0 });
    } finally {
      await restarted.close();
    }
    expect(receiver.accepted.map((document) => document.ticket.number)).toEqual([1, 2]);
  });

  it("with two workers on one database, delivers each event once", async () => {
    await register({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.accepted"] });
    for (let i = 1; i <= 6; i++) {
      await t.say(RESIDENTS, "u-zhang", `@议事助手 ${i}号楼楼道灯不亮了`, `m-${i}`);
      await t.say(RESIDENTS, "u-li", `受理 ${i}`, `a-${i}`);
    }
    const second = await startTestBot({ sharing: t.database, now: t.clock.now().toISOString() });
    try {
      const results = await Promise.all([worker(t.database.db, "one").runOnce(), worker(second.database.db, "two").runOnce()]);
      expect(results[0].delivered + results[1].delivered).toBe(12);
    } finally {
      await second.close();
    }
    expect(receiver.received.every((item) => item.refused === null)).toBe(true);
    expect(receiver.accepted).toHaveLength(12);
    // Each ticket's report before its acceptance, whichever worker sent them.
    for (let n = 1; n <= 6; n++) {
      expect(receiver.accepted.filter((document) => document.ticket.number === n).map((document) => document.type)).toEqual([
        "ticket.reported",
        "ticket.accepted",
      ]);
    }
  }, 60_000); // many messages: longer than 20 s on a busy machine's PostgreSQL

  it("hands a ticket escalated to the county to 12345 and records its reference in the ticket's file", async () => {
    await register({ unitId: "xx-lanling", url: receiver.url, events: [], handOff: true });
    await t.say(RESIDENTS, "u-zhang", "@议事助手 9号楼门口的井盖松了，车一过就响");
    await t.say(RESIDENTS, "u-li", "升级 1 物业说不归他们管");
    await t.say(STAFF, "u-wang", "升级 1 需要街道协调市政");
    await run();
    expect(receiver.received).toHaveLength(0); // not yet at the county
    await t.say(STAFF, "u-wang", "升级 1 街道无权处理市政设施");
    receiver.answer({ status: 200, body: '{ "reference": "12345-2026-000123" }' });
    expect(await run()).toEqual({ delivered: 1, retried: 0, dead: 0 });
    expect(receiver.accepted).toMatchObject([{ type: "ticket.handed_off", ticket: { number: 1, level: "county", handlingUnit: { id: "xx-lanling" } } }]);

    const file = await t.ticket(1);
    expect(file.history.at(-1)).toMatchObject({ type: "handed_off", note: "已转交12345平台，受理编号：12345-2026-000123" });
    const [shown] = await t.say("g-lanling-staff", "u-tian", "查询 1");
    expect(shown).toContain("转交12345平台");
    // Delivered once: the reference is written once.
    await run();
    expect((await t.ticket(1)).history.filter((event: { type: string }) => event.type === "handed_off")).toHaveLength(1);
  }, 60_000); // many messages: longer than 20 s on a busy machine's PostgreSQL
});
