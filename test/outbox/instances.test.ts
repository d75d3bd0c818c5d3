import { nock, useNock } from "../helpers/nock.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { loadConfig } from "../../src/config.ts";
import { createPlatformRegistry } from "../../src/platforms/index.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import type { Database } from "../../src/store/database.ts";
import { claimNextPost, markSent } from "../../src/store/outbox.ts";
import { FakeClock } from "../helpers/testBot.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

// Several instances on one database: each opens its own connections (joinTestDatabase), as a second process would.
const WECOM = "https://wecom.test";
const GROUPS = ["g-1", "g-2", "g-3", "g-4"];
const RATE = 3;
let database: TestDatabase;
let other: TestDatabase;
let clock: FakeClock;
const registry = createPlatformRegistry(loadConfig({ WECOM_API_BASE: WECOM }));

useNock();

beforeEach(async () => {
  nock.disableNetConnect();
  database = await createTestDatabase();
  other = await joinTestDatabase(database);
  clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
  for (const id of GROUPS) {
    await tables(database.db).group.create({
      data: { id, name: id, kind: "residents", unitId: "xq-yangguang", platform: "wecom", chatId: id, pushKey: `key-${id}` },
    });
  }
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await other.close();
  await database.close();
});

function worker(db: Database, instance: string) {
  return new OutboxWorker({
    db,
    clock: clock.now,
    logger: createLogger("silent"),
    deliver: registry.send,
    ratePerMinute: RATE,
    maxAttempts: 5,
    leaseMs: 60_000,
    random: () => 0.5,
    instance,
  });
}

async function enqueue(groupId: string, text: string) {
  return tables(database.db).botPost.create({
    data: { groupId, text, kind: "notice", platform: "wecom", channel: "wecom_webhook", status: "pending", createdAt: clock.now(), nextAttemptAt: clock.now() },
  });
}

interface Delivery {
  groupId: string;
  text: string;
  at: number;
}

/** Every WeCom robot answers ok, a little later (so two workers' sends overlap); each delivery is written down. */
function robotsRecording(delivered: Delivery[]) {
  nock(WECOM)
    .persist()
    .post("/cgi-bin/webhook/send", (body) => {
      delivered.push({ groupId: String(body.text.content).split(":")[0]!, text: body.text.content, at: clock.now().getTime() });
      return true;
    })
    .query(true)
    .delay(2)
    .reply(200, { errcode: 0, errmsg: "ok" });
}

describe("the outbox with two instances on one database", () => {
  it("sends every post exactly once, in each group's order, both together keeping each robot's rate", async () => {
    const texts: string[] = [];
    for (let i = 1; i <= 8; i++) for (const group of GROUPS) texts.push(`${group}:${i}`);
    for (const text of texts) await enqueue(text.split(":")[0]!, text);
    const delivered: Delivery[] = [];
    robotsRecording(delivered);
    const workers = [worker(database.db, "instance-a"), worker(other.db, "instance-b")];

    const sentBy = [0, 0];
    for (let minute = 0; minute < 6 && delivered.length < texts.length; minute++) {
      // Both instances pass over the queue at the same time, again and again, until neither finds anything to send.
      for (let sent = 1; sent > 0;) {
        const results = await Promise.all(workers.map((w) => w.runOnce()));
        results.forEach((result, i) => (sentBy[i] = sentBy[i]! + result.sent));
        sent = results.reduce((sum, result) => sum + result.sent, 0);
      }
      clock.advance(61_000);
    }

    expect([...delivered.map((d) => d.text)].sort()).toEqual([...texts].sort());
    for (const group of GROUPS) {
      const ofGroup = delivered.filter((d) => d.groupId === group);
      expect(ofGroup.map((d) => d.text)).toEqual(texts.filter((text) => text.startsWith(`${group}:`)));
      // No minute saw more than the rate from one robot, though two instances were sending.
      const perMinute = new Map<number, number>();
      for (const d of ofGroup) perMinute.set(d.at, (perMinute.get(d.at) ?? 0) + 1);
      expect(Math.max(...perMinute.values())).toBe(RATE);
    }
    expect(sentBy[0]! + sentBy[1]!).toBe(texts.length);
    expect(await tables(database.db).botPost.count({ where: { status: "sent", groupId: { in: GROUPS } } })).toBe(texts.length);
  });

  it("takes up, after its claim expires, a post whose instance died mid-send; the dead instance's late record changes nothing", async () => {
    const first = await enqueue("g-1", "g-1:1");
    await enqueue("g-1", "g-1:2");
    const delivered: Delivery[] = [];
    robotsRecording(delivered);

    // Instance A claims the group's first post and dies before recording the send.
    const claim = await claimNextPost(database.db, {
      claimedBy: "instance-a",
      now: clock.now(),
      leaseUntil: new Date(clock.now().getTime() + 60_000),
      ratePerMinute: RATE,
    });
    expect(claim?.id).toBe(first.id);

    // Instance B sends nothing of the group while the claim holds: not the claimed post, not the one after it.
    const b = worker(other.db, "instance-b");
    expect(await b.runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 });
    clock.advance(59_000);
    expect((await b.runOnce()).sent).toBe(0);

    // Once the claim has run out, B sends both, in order.
    clock.advance(2_000);
    expect((await b.runOnce()).sent).toBe(2);
    expect(delivered.map((d) => d.text)).toEqual(["g-1:1", "g-1:2"]);
    const retaken = await tables(database.db).botPost.findUniqueOrThrow({ where: { id: first.id } });
    expect(retaken).toMatchObject({ status: "sent", attempts: 2, claimedBy: null });

    // A comes back and records its send: the post is B's, already recorded; nothing changes.
    await markSent(database.db, { id: first.id, claimedBy: "instance-a" }, new Date(clock.now().getTime() + 5_000));
    expect(await tables(database.db).botPost.findUniqueOrThrow({ where: { id: first.id } })).toEqual(retaken);
  });

  it("lets two instances claiming at once never hold two posts of one group", async () => {
    for (let i = 1; i <= 3; i++) for (const group of GROUPS) await enqueue(group, `${group}:${i}`);
    const request = (claimedBy: string) => ({ claimedBy, now: clock.now(), leaseUntil: new Date(clock.now().getTime() + 60_000), ratePerMinute: RATE });
    const claims = await Promise.all([
      ...Array.from({ length: 4 }, () => claimNextPost(database.db, request("instance-a"))),
      ...Array.from({ length: 4 }, () => claimNextPost(other.db, request("instance-b"))),
    ]);
    const held = claims.filter((claim) => claim !== null);
    // One post per group, each its group's first, whichever instance got it.
    expect(held.map((claim) => claim.text).sort()).toEqual(GROUPS.map((group) => `${group}:1`));
    expect(await claimNextPost(database.db, request("instance-a"))).toBeNull();
  });
});
