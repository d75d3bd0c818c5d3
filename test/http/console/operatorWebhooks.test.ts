import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ADMIN_TOKEN, startTestBot, type TestBot } from "../../helpers/testBot.ts";
import { signInAs } from "../../helpers/consoleClient.ts";
import { FakeReceiver } from "../../features/webhooks/fakeReceiver.ts";

const auth = { authorization: `Bearer ${ADMIN_TOKEN}` };
const WEBHOOKS = "/console/api/operators/webhooks";
const replayPath = (eventId: string) => `${WEBHOOKS}/events/${eventId}/replay`;

let t: TestBot;
let receiver: FakeReceiver;
beforeEach(async () => {
  // 马主任 is an operator (BIND_OPERATORS); 李书记 is not.
  t = await startTestBot({ now: "2026-11-23T02:00:00Z", env: { BIND_OPERATORS: "sandbox:u-ma" } });
  receiver = new FakeReceiver(() => Math.floor(t.clock.now().getTime() / 1000));
  await receiver.start();
});
afterEach(async () => {
  await receiver.stop();
  await t.close();
});

/** An endpoint for the community whose receiver refuses the first report (401): a dead letter. */
async function deadLetter() {
  const created = await t.request("POST", "/api/webhooks", { headers: auth, body: { unitId: "sq-xingfu", url: receiver.url, events: ["ticket.reported"] } });
  receiver.secrets.push(created.body.secret);
  receiver.answer({ status: 401, body: "unknown signature" });
  await t.say("g-yangguang", "u-zhang", "@议事助手 5号楼门禁坏了");
  expect(await t.bot.webhooks.runOnce()).toMatchObject({ dead: 1 });
  return { secret: created.body.secret as string, eventId: receiver.received[0]!.document.id as string };
}

const deliveries = async () => (await t.request("GET", "/api/webhooks/deliveries", { headers: auth })).body.items;

describe("the console's webhooks for operators", () => {
  it("answers 403 to anyone not named in BIND_OPERATORS, and replays nothing for them", async () => {
    const { eventId } = await deadLetter();
    const before = await deliveries();
    const secretary = await signInAs(t, "g-yangguang", "u-li");
    expect((await secretary.get(WEBHOOKS)).status).toBe(403);
    const refused = await secretary.post(replayPath(eventId), {});
    expect(refused.status).toBe(403);
    expect(refused.body.error.message).toContain("运维");
    expect(await deliveries()).toEqual(before);
  });

  it("lists the endpoint without its secret and the dead letter with the receiver's answer, and sends it again by its id", async () => {
    const { secret, eventId } = await deadLetter();
    const operator = await signInAs(t, "g-chengguan-staff", "u-ma");
    const listed = await operator.get(WEBHOOKS);
    expect(listed.status).toBe(200);
    expect(JSON.stringify(listed.body)).not.toContain(secret);
    const [endpoint] = listed.body.endpoints;
    expect(endpoint).toMatchObject({
      unit: "兰陵县 / 城关街道 / 幸福社区",
      url: receiver.url,
      eventNames: ["新工单"],
      enabled: true,
      handOff: false,
      counts: { pending: 0, sending: 0, delivered: 0, dead: 1 },
    });
    expect(endpoint.deliveries).toEqual([
      expect.objectContaining({ eventId, ticketNumber: 1, typeName: "新工单", status: "dead", statusName: "死信", attempts: 1, lastStatus: 401 }),
    ]);
    expect(endpoint.deliveries[0].lastError).toContain("unknown signature");

    // Without the CSRF token nothing is queued; with it, the event waits again, and a second 重发 is refused in words.
    expect((await operator.post(replayPath(eventId), {}, { "x-console-csrf": "wrong" })).status).toBe(403);
    expect((await deliveries())[0].status).toBe("dead");
    expect(await operator.post(replayPath(eventId), {})).toMatchObject({ status: 200, body: { requeued: 1 } });
    expect((await operator.get(WEBHOOKS)).body.endpoints[0].counts).toEqual({ pending: 1, sending: 0, delivered: 0, dead: 0 });
    const waiting = await operator.post(replayPath(eventId), {});
    expect(waiting.status).toBe(409);
    expect(waiting.body.error.message).toBe(`事件 ${eventId} 还在发送队列里（待发或发送中），不必重发。`);
    const unknown = await operator.post(replayPath("no-such-event"), {});
    expect([unknown.status, unknown.body.error.message]).toEqual([404, "没有事件 no-such-event。"]);

    // Delivered now, the same event (the same id), and listed as 已送达.
    expect(await t.bot.webhooks.runOnce()).toMatchObject({ delivered: 1 });
    expect(receiver.received.map((item) => item.document.id)).toEqual([eventId, eventId]);
    const after = (await operator.get(WEBHOOKS)).body.endpoints[0];
    expect(after.counts).toEqual({ pending: 0, sending: 0, delivered: 1, dead: 0 });
    expect(after.deliveries).toEqual([expect.objectContaining({ eventId, status: "delivered", statusName: "已送达", lastStatus: 200 })]);
  });
});
