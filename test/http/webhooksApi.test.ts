import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";
import { runSlaSweep } from "../../src/features/escalation/slaSweep.ts";
import { FakeReceiver } from "../features/webhooks/fakeReceiver.ts";

const RESIDENTS = "g-yangguang";
const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };

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

const post = (body: unknown) => t.request("POST", "/api/webhooks", { headers: auth, body });
const endpointCount = () =>
  t.database.db.query
    .selectFrom("WebhookEndpoint")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .executeTakeFirstOrThrow();

describe("the webhook endpoints' admin API", () => {
  it("asks for the admin token", async () => {
    expect((await t.request("GET", "/api/webhooks")).status).toBe(401);
    expect((await t.request("POST", "/api/webhooks", { body: { unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] } })).status).toBe(401);
    expect((await t.request("GET", "/api/webhooks/deliveries")).status).toBe(401);
  });

  it("registers an endpoint, shows its secret once, and lists it without", async () => {
    const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.resolved"] });
    expect(created.status).toBe(201);
    expect(created.body.secret).toMatch(/^whsec_[A-Za-z0-9_-]{43}$/);
    expect(created.body.endpoint).toMatchObject({
      id: 1,
      unitId: "sq-xingfu",
      events: ["ticket.reported", "ticket.resolved"],
      handOff: false,
      enabled: true,
      zone: "Asia/Shanghai",
    });
    const listed = await t.request("GET", "/api/webhooks", { headers: auth });
    expect(listed.body.endpoints).toEqual([created.body.endpoint]);
    expect(JSON.stringify(listed.body)).not.toContain(created.body.secret);
  });

  it("refuses bad registrations clearly and stores nothing", async () => {
    const cases: [unknown, number, string][] = [
      [{ unitId: "sq-xingfu", url: "ftp://example.test/x", events: ["ticket.reported"] }, 400, "url: must be an http(s) URL"],
      [{ unitId: "sq-xingfu", url: "https://user:pw@example.test/x", events: ["ticket.reported"] }, 400, "without credentials"],
      [{ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.deleted"] }, 400, "events.0"],
      [{ unitId: "sq-xingfu", url: receiver.url, events: [] }, 400, "events: names no event"],
      [{ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.reported"] }, 400, "names an event twice"],
      [{ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"], secret: "mine" }, 400, "unknown field: secret"],
      [{ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"], zone: "Mars/Olympus" }, 400, "IANA time zone"],
      [{ unitId: "nowhere", url: receiver.url, events: ["ticket.reported"] }, 404, "no unit nowhere"],
      [{ unitId: "jd-chengguan", url: receiver.url, events: [], handOff: true }, 400, "county unit (区县部门)"],
    ];
    for (const [body, status, message] of cases) {
      const answer = await post(body);
      expect([answer.status, answer.body.error.message]).toEqual([status, expect.stringContaining(message)]);
    }
    expect((await endpointCount()).n).toBe(0);
  });

  it("disabled, sends nothing and hears of nothing new; what waited goes out, in order, when enabled again; deleting drops what waits", async () => {
    const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported", "ticket.accepted"] });
    receiver.secrets.push(created.body.secret);
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    const disabled = await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: { enabled: false } });
    expect(disabled.body.endpoint.enabled).toBe(false);
    await t.say(RESIDENTS, "u-li", "受理 1");
    expect(await t.bot.webhooks.runOnce()).toEqual({ delivered: 0, retried: 0, dead: 0 });
    await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: { enabled: true } });
    await t.say(RESIDENTS, "u-li", "派单 1 物业");
    await t.bot.webhooks.runOnce();
    expect(receiver.accepted.map((document) => document.type)).toEqual(["ticket.reported"]);
    await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: { events: ["ticket.reported", "ticket.accepted", "ticket.assigned"] } });
    await t.say(RESIDENTS, "u-sun", "办结 1 修好了");
    await t.say(RESIDENTS, "u-zhang", "评价 1 不满意 还是坏的");
    await t.say(RESIDENTS, "u-li", "派单 1 物业");
    await t.bot.webhooks.runOnce();
    expect(receiver.accepted.map((document) => document.type)).toEqual(["ticket.reported", "ticket.assigned"]);

    expect((await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: {} })).status).toBe(400);
    expect((await t.request("PATCH", "/api/webhooks/9", { headers: auth, body: { enabled: true } })).status).toBe(404);
    await t.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯异响很大");
    expect((await t.request("DELETE", "/api/webhooks/1", { headers: auth })).body).toEqual({ deleted: true });
    expect(await tables(t.database.db).webhookDelivery.count({ where: { endpointId: 1 } })).toBe(0);
    expect((await t.request("DELETE", "/api/webhooks/1", { headers: auth })).status).toBe(404);
    // Many messages in a row: on a busy machine's PostgreSQL this takes longer than the default 20 s.
  }, 60_000);

  it("signs with both secrets for a day after a rotation, then with the new one only", async () => {
    const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] });
    const rotated = await t.request("POST", "/api/webhooks/1/rotate", { headers: auth });
    expect(rotated.status).toBe(200);
    expect(rotated.body.secret).not.toBe(created.body.secret);
    expect(rotated.body.endpoint.previousSecretUntil).toBe("2026-11-24T02:00:00.000Z");

    // A receiver that still has the old secret accepts during the grace period.
    receiver.secrets = [created.body.secret];
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    await t.bot.webhooks.runOnce();
    expect(receiver.received.at(-1)).toMatchObject({ refused: null });
    expect(String(receiver.received.at(-1)!.headers["x-yishi-signature"]).split(",")).toHaveLength(2);

    t.clock.advance(24 * 3_600_000 + 1000);
    await t.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯异响很大");
    receiver.answer({ status: 401 });
    await t.bot.webhooks.runOnce();
    expect(receiver.received.at(-1)).toMatchObject({ refused: "bad signature" });
    receiver.secrets = [rotated.body.secret];
    await t.request("POST", `/api/webhooks/events/${receiver.received.at(-1)!.document.id}/replay`, { headers: auth });
    await t.bot.webhooks.runOnce();
    expect(receiver.received.at(-1)).toMatchObject({ refused: null });
    expect(String(receiver.received.at(-1)!.headers["x-yishi-signature"]).split(",")).toHaveLength(1);
  });

  it("refuses a stale timestamp in the README's verification", async () => {
    const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] });
    receiver.secrets.push(created.body.secret);
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    const receiverClock = t.clock.now().getTime();
    const late = new FakeReceiver(() => Math.floor(receiverClock / 1000) + 301);
    late.secrets = [created.body.secret];
    await late.start();
    try {
      await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: { url: late.url } });
      await t.bot.webhooks.runOnce();
      expect(late.received[0]).toMatchObject({ refused: "stale" });
    } finally {
      await late.stop();
    }
  });

  it("writes no event when a command is refused (the event commits with its change or not at all)", async () => {
    const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.accepted", "ticket.resolved"] });
    receiver.secrets.push(created.body.secret);
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    expect((await t.say(RESIDENTS, "u-li", "办结 1 好了"))[0]).toContain("还没受理");
    expect(await tables(t.database.db).webhookDelivery.count()).toBe(0);
  });

  it("tells of the SLA sweep's escalation too", async () => {
    const created = await post({ unitId: "jd-chengguan", url: receiver.url, events: ["ticket.escalated"] });
    receiver.secrets.push(created.body.secret);
    await t.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了");
    await t.say(RESIDENTS, "u-li", "受理 1");
    t.clock.set("2026-11-26T03:00:00Z"); // not resolved within three days: up to the community
    expect(await runSlaSweep(t.bot.deps, t.clock.now())).toMatchObject({ escalated: 1 });
    await t.bot.webhooks.runOnce();
    expect(receiver.accepted).toMatchObject([{ type: "ticket.escalated", ticket: { number: 1, level: "community" } }]);
  });

  it("is heard of by another instance as soon as it is registered, disabled or enabled there", async () => {
    const other = await startTestBot({ sharing: t.database, now: t.clock.now().toISOString() });
    try {
      await other.say(RESIDENTS, "u-zhang", "@议事助手 5号楼门禁坏了"); // its organisation cached, with no endpoint
      const created = await post({ unitId: "sq-xingfu", url: receiver.url, events: ["ticket.accepted"] });
      receiver.secrets.push(created.body.secret);
      await other.say(RESIDENTS, "u-li", "受理 1");
      expect(await tables(t.database.db).webhookDelivery.count()).toBe(1);
      await t.request("PATCH", "/api/webhooks/1", { headers: auth, body: { enabled: false } });
      await other.say(RESIDENTS, "u-liu", "@议事助手 8号楼电梯异响很大");
      await other.say(RESIDENTS, "u-li", "受理 2");
      expect(await tables(t.database.db).webhookDelivery.count()).toBe(1);
    } finally {
      await other.close();
    }
  });
});
