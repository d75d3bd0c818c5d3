import { nock, useNock } from "../helpers/nock.ts";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { loadConfig } from "../../src/config.ts";
import { createPlatformRegistry } from "../../src/platforms/index.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import { claimNextPost } from "../../src/store/outbox.ts";
import { FakeClock } from "../helpers/testBot.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

const WECOM = "https://wecom.test";
const DINGTALK = "https://dingtalk.test";
let database: TestDatabase;
let clock: FakeClock;

useNock();

beforeEach(async () => {
  nock.disableNetConnect();
  database = await createTestDatabase();
  clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
  const db = database.db;
  await tables(db).group.create({
    data: { id: "g-wx-a", name: "企微A群", kind: "residents", unitId: "xq-yangguang", platform: "wecom", chatId: "wxA", pushKey: "key-a" },
  });
  await tables(db).group.create({
    data: { id: "g-wx-b", name: "企微B群", kind: "residents", unitId: "xq-lijing", platform: "wecom", chatId: "wxB", pushKey: "key-b" },
  });
  await tables(db).group.create({
    data: { id: "g-dt", name: "钉钉群", kind: "staff", unitId: "sq-xingfu", platform: "dingtalk", chatId: "cid", pushKey: "dt-token", pushSecret: "SECx" },
  });
  await tables(db).group.create({ data: { id: "g-wx-nokey", name: "未配置群", kind: "residents", unitId: "xq-lijing", platform: "wecom", chatId: "wxN" } });
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await database.close();
});

function worker(options: { maxAttempts?: number; ratePerMinute?: number } = {}) {
  return new OutboxWorker({
    db: database.db,
    clock: clock.now,
    logger: createLogger("silent"),
    deliver: createPlatformRegistry(loadConfig({ WECOM_API_BASE: WECOM, DINGTALK_API_BASE: DINGTALK })).send,
    ratePerMinute: options.ratePerMinute ?? 18,
    maxAttempts: options.maxAttempts ?? 5,
    leaseMs: 60_000,
    random: () => 0.5,
  });
}

/** A claim as a worker named `claimedBy` makes it, as of the clock's now, under a rate of 18 a minute. */
function claimBy(claimedBy: string) {
  return { claimedBy, now: clock.now(), leaseUntil: new Date(clock.now().getTime() + 60_000), ratePerMinute: 18 };
}

async function enqueue(groupId: string, text: string, channel = "wecom_webhook") {
  return tables(database.db).botPost.create({
    data: { groupId, text, kind: "notice", platform: channel.split("_")[0]!, channel, status: "pending", createdAt: clock.now(), nextAttemptAt: clock.now() },
  });
}

const statusOf = async (id: number) => (await tables(database.db).botPost.findUniqueOrThrow({ where: { id } })).status;

/** Intercepts WeCom webhook sends for `key`, recording each delivered text. */
function wecomRobot(key: string, delivered: string[], reply: () => [number, object] = () => [200, { errcode: 0, errmsg: "ok" }], times = 50) {
  return nock(WECOM)
    .post("/cgi-bin/webhook/send", (body) => {
      delivered.push(body.text.content);
      return true;
    })
    .query({ key })
    .times(times)
    .reply(() => reply());
}

describe("the outbox worker", () => {
  it("retries a 5xx with backoff and then delivers", async () => {
    const post = await enqueue("g-wx-a", "通知一");
    const delivered: string[] = [];
    let calls = 0;
    wecomRobot("key-a", delivered, () => (++calls === 1 ? [502, {}] : [200, { errcode: 0 }]));
    expect(await worker().runOnce()).toEqual({ sent: 0, retried: 1, dead: 0 });
    const waiting = await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(waiting).toMatchObject({ status: "pending", attempts: 1, lastError: "http 502" });
    expect(waiting.nextAttemptAt).toEqual(new Date(clock.now().getTime() + 5000));
    expect(await worker().runOnce()).toEqual({ sent: 0, retried: 0, dead: 0 }); // not due yet
    clock.advance(5000);
    expect(await worker().runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(delivered).toEqual(["通知一", "通知一"]);
    expect(await statusOf(post.id)).toBe("sent");
  });

  it("retries a network error", async () => {
    const post = await enqueue("g-wx-a", "通知");
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).replyWithError({ code: "ECONNRESET", message: "socket hang up" });
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).reply(200, { errcode: 0 });
    expect((await worker().runOnce()).retried).toBe(1);
    expect((await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).lastError).toContain("network");
    clock.advance(10_000);
    expect((await worker().runOnce()).sent).toBe(1);
  });

  it("waits at least a minute after WeCom's frequency limit (45009)", async () => {
    const post = await enqueue("g-wx-a", "通知");
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).reply(200, { errcode: 45009, errmsg: "api freq out of limit" });
    expect((await worker().runOnce()).retried).toBe(1);
    const waiting = await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(waiting.nextAttemptAt!.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(60_000);
    expect(waiting.lastError).toContain("45009");
  });

  it("waits ten minutes after DingTalk's throttling (130101), signing every webhook call", async () => {
    const post = await enqueue("g-dt", "钉钉通知", "dingtalk_webhook");
    const queries: Record<string, string>[] = [];
    nock(DINGTALK)
      .post("/robot/send")
      .query((q) => {
        queries.push(q as Record<string, string>);
        return true;
      })
      .reply(200, { errcode: 130101, errmsg: "send too fast" });
    expect((await worker().runOnce()).retried).toBe(1);
    const waiting = await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } });
    expect(waiting.nextAttemptAt!.getTime() - clock.now().getTime()).toBeGreaterThanOrEqual(10 * 60_000);
    expect(queries[0]).toMatchObject({ access_token: "dt-token", timestamp: String(clock.now().getTime()) });
    expect(queries[0]!.sign).toMatch(/=$/);
  });

  it("moves a post to dead letters at once when no retry can help (93000, 310000, no robot key)", async () => {
    const removed = await enqueue("g-wx-a", "机器人已被移出群");
    const badSign = await enqueue("g-dt", "签名错误", "dingtalk_webhook");
    const noKey = await enqueue("g-wx-nokey", "没有 key");
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).reply(200, { errcode: 93000, errmsg: "invalid webhook url" });
    nock(DINGTALK).post("/robot/send").query(true).reply(200, { errcode: 310000, errmsg: "sign not match" });
    expect(await worker().runOnce()).toEqual({ sent: 0, retried: 0, dead: 3 });
    for (const post of [removed, badSign, noKey]) expect(await statusOf(post.id)).toBe("dead");
    expect((await tables(database.db).botPost.findUniqueOrThrow({ where: { id: noKey.id } })).lastError).toContain("未配置机器人推送");
  });

  it("gives up after the configured number of attempts", async () => {
    const post = await enqueue("g-wx-a", "通知");
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).times(3).reply(500);
    const w = worker({ maxAttempts: 3 });
    for (let i = 0; i < 3; i++) {
      await w.runOnce();
      clock.advance(60 * 60_000);
    }
    expect(await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "dead", attempts: 3 });
  });

  it("keeps each group's order: a later post waits while an earlier one is retried", async () => {
    const first = await enqueue("g-wx-a", "第一条");
    await enqueue("g-wx-a", "第二条");
    await enqueue("g-wx-b", "B群");
    const delivered: string[] = [];
    let failFirst = true;
    nock(WECOM)
      .post("/cgi-bin/webhook/send", (body) => {
        delivered.push(body.text.content);
        return true;
      })
      .query(true)
      .times(10)
      .reply(() => {
        if (failFirst) {
          failFirst = false;
          return [503, {}];
        }
        return [200, { errcode: 0 }];
      });
    await worker().runOnce();
    expect(delivered).toEqual(["第一条", "B群"]);
    expect(await statusOf(first.id)).toBe("pending");
    clock.advance(10_000);
    await worker().runOnce();
    expect(delivered).toEqual(["第一条", "B群", "第一条", "第二条"]);
  });

  it("keeps each robot under its rate limit", async () => {
    for (let i = 1; i <= 20; i++) await enqueue("g-wx-a", `通知${i}`);
    const delivered: string[] = [];
    wecomRobot("key-a", delivered);
    expect((await worker({ ratePerMinute: 18 }).runOnce()).sent).toBe(18);
    clock.advance(30_000);
    expect((await worker({ ratePerMinute: 18 }).runOnce()).sent).toBe(0);
    clock.advance(31_000);
    expect((await worker({ ratePerMinute: 18 }).runOnce()).sent).toBe(2);
    expect(delivered).toEqual(Array.from({ length: 20 }, (_, i) => `通知${i + 1}`));
  });

  it("loses and doubles nothing when a worker dies half way and another takes over", async () => {
    const texts = ["A1", "A2", "A3", "B1", "B2", "B3"];
    for (const text of texts) await enqueue(text.startsWith("A") ? "g-wx-a" : "g-wx-b", text);
    const delivered: string[] = [];
    wecomRobot("key-a", delivered);
    wecomRobot("key-b", delivered);

    // The first worker sends three posts, then claims the next one and dies before sending it.
    const first = worker();
    expect((await first.runOnce(3)).sent).toBe(3);
    const [orphan] = await tables(database.db).botPost.findMany({ where: { status: "pending" }, orderBy: { id: "asc" }, take: 1 });
    const claimed = await claimNextPost(database.db, claimBy("dead worker"));
    expect(claimed?.id).toBe(orphan!.id);

    // A new worker cannot take the orphan while its claim holds, but finishes everything once it expires.
    const second = worker();
    await second.runOnce();
    expect(await statusOf(orphan!.id)).toBe("sending");
    clock.advance(61_000);
    await second.runOnce();

    expect([...delivered].sort()).toEqual([...texts].sort());
    expect(delivered.filter((text) => text.startsWith("A"))).toEqual(["A1", "A2", "A3"]);
    expect(delivered.filter((text) => text.startsWith("B"))).toEqual(["B1", "B2", "B3"]);
    expect(await tables(database.db).botPost.count({ where: { status: "sent" } })).toBe(6);
  });

  it("lets only one of two concurrent workers claim a post", async () => {
    const post = await enqueue("g-wx-a", "通知");
    const claims = await Promise.all([claimNextPost(database.db, claimBy("one")), claimNextPost(database.db, claimBy("two"))]);
    expect(claims.filter(Boolean).map((claim) => claim!.id)).toEqual([post.id]);
  });
});

describe("the outbox worker, with future posts, long queues and outages (fake clock)", () => {
  it("does not let a post dated in the future (a job run as of later) hold back a present one", async () => {
    await tables(database.db).botPost.create({
      data: {
        groupId: "g-wx-a",
        text: "明天的日报",
        kind: "notice",
        platform: "wecom",
        channel: "wecom_webhook",
        status: "pending",
        createdAt: new Date(clock.now().getTime() + 86_400_000),
        nextAttemptAt: new Date(clock.now().getTime() + 86_400_000),
      },
    });
    const present = await enqueue("g-wx-a", "现在的回复");
    const delivered: string[] = [];
    wecomRobot("key-a", delivered);
    expect((await worker().runOnce()).sent).toBe(1);
    expect(delivered).toEqual(["现在的回复"]);
    expect(await statusOf(present.id)).toBe("sent");
    clock.advance(86_400_000);
    expect((await worker().runOnce()).sent).toBe(1);
    expect(delivered).toEqual(["现在的回复", "明天的日报"]);
  });

  it("sees every group with a due post, however many posts wait in other groups", async () => {
    const at = clock.now();
    await tables(database.db).botPost.createMany({
      data: Array.from({ length: 5_100 }, (_, i) => ({
        groupId: "g-wx-a",
        text: `积压${i}`,
        kind: "notice",
        platform: "wecom",
        channel: "wecom_webhook",
        status: "pending",
        createdAt: at,
        nextAttemptAt: at,
      })),
    });
    const other = await enqueue("g-wx-b", "B群的通知");
    const delivered: string[] = [];
    wecomRobot("key-a", delivered);
    wecomRobot("key-b", delivered);
    await worker({ ratePerMinute: 18 }).runOnce();
    expect(await statusOf(other.id)).toBe("sent");
    expect(delivered).toContain("B群的通知");
  }, 60_000);

  it("pauses a platform that stops answering, probes it without burning attempts, and resumes; outage dead letters are re-queued", async () => {
    await tables(database.db).group.create({
      data: { id: "g-wx-c", name: "企微C群", kind: "residents", unitId: "xq-lijing", platform: "wecom", chatId: "wxC", pushKey: "key-c" },
    });
    const killedEarlier = await tables(database.db).botPost.create({
      data: {
        groupId: "g-wx-b",
        text: "上次停机时死掉的",
        kind: "notice",
        platform: "wecom",
        channel: "wecom_webhook",
        status: "dead",
        attempts: 5,
        lastError: "network: connect ECONNREFUSED",
        failure: "outage",
        createdAt: clock.now(),
      },
    });
    const wrongForever = await tables(database.db).botPost.create({
      data: {
        groupId: "g-wx-b",
        text: "机器人被移出",
        kind: "notice",
        platform: "wecom",
        channel: "wecom_webhook",
        status: "dead",
        attempts: 1,
        lastError: "errcode 93000: invalid webhook url",
        failure: "permanent",
        createdAt: clock.now(),
      },
    });
    const a1 = await enqueue("g-wx-a", "A1");
    const a2 = await enqueue("g-wx-a", "A2");
    const b1 = await enqueue("g-wx-b", "B1");
    const c1 = await enqueue("g-wx-c", "C1");
    let down = true;
    let calls = 0;
    const delivered: string[] = [];
    nock(WECOM)
      .post("/cgi-bin/webhook/send", (body) => {
        calls++;
        if (!down) delivered.push(body.text.content);
        return true;
      })
      .query(true)
      .times(100)
      .reply(() => (down ? [503, {}] : [200, { errcode: 0 }]));
    const w = worker({ maxAttempts: 3 });
    // Three heads fail in a row: the platform is paused.
    expect(await w.runOnce()).toEqual({ sent: 0, retried: 3, dead: 0 });
    expect(calls).toBe(3);
    // Ten minutes of outage, a pass every 10 s: one probe at a time, at growing intervals (5 s … 60 s), and
    // no post runs out of attempts (without the pause, three attempts would be gone in 15 s).
    for (let pass = 0; pass < 60; pass++) {
      clock.advance(10_000);
      await w.runOnce();
    }
    expect(calls).toBeLessThan(3 + 20);
    for (const post of [a1, b1, c1])
      expect(await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "pending", attempts: 1 });
    // The platform answers again: everything goes out, in each group's order, with the outage's dead letter first.
    down = false;
    clock.advance(60_000);
    await w.runOnce();
    for (const post of [a1, a2, b1, c1, killedEarlier]) expect(await statusOf(post.id)).toBe("sent");
    expect(await statusOf(wrongForever.id)).toBe("dead");
    expect(delivered.indexOf("上次停机时死掉的")).toBeLessThan(delivered.indexOf("B1"));
    expect(delivered.indexOf("A1")).toBeLessThan(delivered.indexOf("A2"));
  });
});
