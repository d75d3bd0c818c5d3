import { readFileSync } from "node:fs";
import Sqlite from "better-sqlite3";
import { nock, useNock } from "../helpers/nock.ts";
import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { loadConfig } from "../../src/config.ts";
import { createPlatformRegistry } from "../../src/platforms/index.ts";
import { OutboxWorker } from "../../src/outbox/worker.ts";
import type { Deliver } from "../../src/outbox/deliver.ts";
import { sqliteFilePath } from "../../src/store/database.ts";
import { FakeClock } from "../helpers/testBot.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

/** SQLite-only: a busy spell is another process holding the file's write lock; the legacy migration is SQLite's. */
const onPostgres = inject("databaseDialect") === "postgres";

const WECOM = "https://wecom.test";
const DINGTALK = "https://dingtalk.test";
let database: TestDatabase;
let clock: FakeClock;
const registry = createPlatformRegistry(loadConfig({ WECOM_API_BASE: WECOM, DINGTALK_API_BASE: DINGTALK }));

/** What happens when a write finds the database busy (the test's own hook into the bounded wait). */
let whenBusy: (() => void) | undefined;

useNock();

beforeEach(async () => {
  nock.disableNetConnect();
  // A short bounded wait for the write lock, so a held lock is given up on quickly.
  whenBusy = undefined;
  database = await createTestDatabase({ open: { busyRetry: { maxWaitMs: 100, firstDelayMs: 2, maxDelayMs: 20 }, onBusy: () => whenBusy?.() } });
  clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
  const groups = [
    { id: "g-wx-a", chatId: "wxA", platform: "wecom", pushKey: "key-a" },
    { id: "g-wx-b", chatId: "wxB", platform: "wecom", pushKey: "key-b" },
    { id: "g-dt", chatId: "cid", platform: "dingtalk", pushKey: "dt-token", pushSecret: "SECx" },
  ];
  for (const group of groups) await tables(database.db).group.create({ data: { ...group, name: group.id, kind: "residents", unitId: "xq-yangguang" } });
});
afterEach(async () => {
  nock.cleanAll();
  nock.enableNetConnect();
  await database.close();
});

function worker(deliver: Deliver = registry.send, maxAttempts = 5) {
  return new OutboxWorker({
    db: database.db,
    clock: clock.now,
    logger: createLogger("silent"),
    deliver,
    ratePerMinute: 18,
    maxAttempts,
    leaseMs: 60_000,
    random: () => 0.5,
  });
}

async function enqueue(groupId: string, text: string, channel = "wecom_webhook") {
  return tables(database.db).botPost.create({
    data: { groupId, text, kind: "notice", platform: channel.split("_")[0]!, channel, status: "pending", createdAt: clock.now(), nextAttemptAt: clock.now() },
  });
}

/** Another process's write transaction on the same file, held until released. */
function holdWriteLock(url: string) {
  const other = new Sqlite(sqliteFilePath(url));
  other.prepare("BEGIN IMMEDIATE").run();
  other.prepare("INSERT INTO ScheduledSend (key, at) VALUES ('held-by-another-process', 0)").run();
  return {
    release: () => {
      other.prepare("COMMIT").run();
      other.close();
    },
  };
}

describe("delivery bookkeeping", () => {
  it.skipIf(onPostgres)("sends a post once and records it later when the database is busy right after the send", async () => {
    const post = await enqueue("g-wx-a", "钉钉回复只发一次");
    const delivered: string[] = [];
    nock(WECOM)
      .post("/cgi-bin/webhook/send", (body) => {
        delivered.push(body.text.content);
        return true;
      })
      .query(true)
      .times(5)
      .reply(200, { errcode: 0 });
    let lock: { release: () => void } | undefined;
    const sentAt = clock.now();
    // Another process takes the write lock while the post is on its way: the bookkeeping finds it busy.
    const w = worker(async (...args) => {
      const result = await registry.send(...args);
      lock = holdWriteLock(database.url);
      return result;
    });
    const first = await w.runOnce();
    expect(first).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect((await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("sending");
    lock!.release();
    // Well after the claim ran out: the worker remembers the send and records it instead of sending again.
    clock.advance(120_000);
    await w.runOnce();
    expect(delivered).toEqual(["钉钉回复只发一次"]);
    expect(await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).toMatchObject({ status: "sent", sentAt, attempts: 1 });
  });

  it.skipIf(onPostgres)("records a send through a short busy spell within the same pass", async () => {
    let metBusy = false;
    const post = await enqueue("g-wx-a", "通知");
    nock(WECOM).post("/cgi-bin/webhook/send").query(true).reply(200, { errcode: 0 });
    const w = new OutboxWorker({
      db: database.db,
      clock: clock.now,
      logger: createLogger("silent"),
      deliver: async (...args) => {
        const result = await registry.send(...args);
        const lock = holdWriteLock(database.url);
        // The spell ends at the first busy retry: within the bounded wait, whatever the machine's speed.
        whenBusy = () => {
          lock.release();
          whenBusy = undefined;
          metBusy = true;
        };
        return result;
      },
      ratePerMinute: 18,
      maxAttempts: 5,
      random: () => 0.5,
    });
    expect(await w.runOnce()).toEqual({ sent: 1, retried: 0, dead: 0 });
    expect(metBusy).toBe(true);
    expect((await tables(database.db).botPost.findUniqueOrThrow({ where: { id: post.id } })).status).toBe("sent");
  });
});

describe("a rate-limit storm", () => {
  it("delivers every post once, in each group's order, with no dead letter, over 15 minutes of 429, 45009 and 130101", async () => {
    const texts: Record<string, string[]> = { "g-wx-a": [], "g-wx-b": [], "g-dt": [] };
    for (let i = 0; i < 106; i++) {
      const groupId = (["g-wx-a", "g-wx-b", "g-dt"] as const)[i % 3]!;
      texts[groupId]!.push(`${groupId}-${i}`);
      await enqueue(groupId, `${groupId}-${i}`, groupId === "g-dt" ? "dingtalk_webhook" : "wecom_webhook");
    }
    const stormEnds = clock.now().getTime() + 15 * 60_000;
    const storm = () => clock.now().getTime() < stormEnds;
    const delivered: Record<string, string[]> = { "g-wx-a": [], "g-wx-b": [], "g-dt": [] };
    let refused = 0;
    const robot = (groupId: string, refuse: () => [number, object]) => (body: { text: { content: string } }) => {
      if (storm()) {
        refused++;
        return refuse();
      }
      delivered[groupId]!.push(body.text.content);
      return [200, { errcode: 0 }] as [number, object];
    };
    let lastBody: { text: { content: string } } = { text: { content: "" } };
    const capture = (body: { text: { content: string } }) => ((lastBody = body), true);
    const wecomA = robot("g-wx-a", () => [429, {}]);
    const wecomB = robot("g-wx-b", () => [200, { errcode: 45009, errmsg: "api freq out of limit" }]);
    const dingtalk = robot("g-dt", () => [200, { errcode: 130101, errmsg: "send too fast" }]);
    nock(WECOM)
      .persist()
      .post("/cgi-bin/webhook/send", capture)
      .query({ key: "key-a" })
      .reply(() => wecomA(lastBody));
    nock(WECOM)
      .persist()
      .post("/cgi-bin/webhook/send", capture)
      .query({ key: "key-b" })
      .reply(() => wecomB(lastBody));
    nock(DINGTALK)
      .persist()
      .post("/robot/send", capture)
      .query(true)
      .reply(() => dingtalk(lastBody));

    const w = worker(registry.send, 5);
    for (let pass = 0; pass < 240; pass++) {
      await w.runOnce();
      clock.advance(10_000);
    }
    expect(refused).toBeGreaterThan(0);
    expect(await tables(database.db).botPost.count({ where: { status: "dead" } })).toBe(0);
    expect(await tables(database.db).botPost.count({ where: { status: "sent" } })).toBe(106);
    expect(delivered).toEqual(texts);
    // No attempt was burnt by a rate limit: each post took the one that went through.
    expect(await tables(database.db).botPost.count({ where: { attempts: { not: 1 } } })).toBe(0);
  }, 60_000);

  it("puts back in the queue the posts that died of a rate limit, once the robot answers again", async () => {
    const dead = await tables(database.db).botPost.create({
      data: {
        groupId: "g-wx-b",
        text: "限流时死掉的",
        kind: "notice",
        platform: "wecom",
        channel: "wecom_webhook",
        status: "dead",
        attempts: 5,
        lastError: "rate limited: errcode 45009: api freq out of limit",
        failure: "rateLimited",
        createdAt: clock.now(),
      },
    });
    await enqueue("g-wx-a", "恢复后的第一条");
    const delivered: string[] = [];
    nock(WECOM)
      .persist()
      .post("/cgi-bin/webhook/send", (body) => (delivered.push(body.text.content), true))
      .query(true)
      .reply(200, { errcode: 0 });
    await worker().runOnce();
    expect(delivered).toEqual(["恢复后的第一条", "限流时死掉的"]);
    expect((await tables(database.db).botPost.findUniqueOrThrow({ where: { id: dead.id } })).status).toBe("sent");
  });

  it.skipIf(onPostgres)("marks for re-queueing the rate-limit dead letters an older version left (migration), and only those", async () => {
    const legacy = [
      { groupId: "g-wx-a", channel: "wecom_webhook", lastError: "http 429" },
      { groupId: "g-wx-b", channel: "wecom_webhook", lastError: "errcode 45009: api freq out of limit" },
      { groupId: "g-dt", channel: "dingtalk_webhook", lastError: "errcode 130101: send too fast" },
      { groupId: "g-wx-b", channel: "wecom_webhook", lastError: "errcode 93000: invalid webhook url" },
    ];
    for (const row of legacy) {
      const platform = row.channel.split("_")[0]!;
      await tables(database.db).botPost.create({
        data: { ...row, platform, text: row.lastError, kind: "notice", status: "dead", attempts: 5, createdAt: clock.now() },
      });
    }
    const migration = new URL("../../prisma/migrations/20261206023445_rate_limited_dead_letters/migration.sql", import.meta.url);
    database.db.sqlite!.handle.exec(readFileSync(migration, "utf8"));
    const rows = await tables(database.db).botPost.findMany({ where: { status: "dead" }, orderBy: { id: "asc" } });
    expect(rows.map((row) => row.lastError)).toEqual([
      "rate limited: http 429",
      "rate limited: errcode 45009: api freq out of limit",
      "rate limited: errcode 130101: send too fast",
      "errcode 93000: invalid webhook url",
    ]);
  });
});
