import { execFile } from "node:child_process";
import { promisify } from "node:util";
import Sqlite from "better-sqlite3";
import { afterEach, describe, expect, inject, it } from "vitest";
import { DatabaseBusy, inTransaction, isDatabaseBusy, sqliteFilePath } from "../../src/store/database.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

const run = promisify(execFile);
let database: TestDatabase | undefined;
let t: TestBot | undefined;
afterEach(async () => {
  await database?.close();
  await t?.close();
  database = t = undefined;
});

/** Another process's write transaction, held until released. */
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

/** The write lock and its backoff are SQLite's (PostgreSQL has row locks and reruns, test/store/ticketNumbers.test.ts). */
const onPostgres = inject("databaseDialect") === "postgres";

describe("write transactions", () => {
  it.skipIf(onPostgres)("take the write lock up front and wait, retrying with backoff, while another process writes", async () => {
    let busy = 0;
    let retried!: () => void;
    const retriedTwice = new Promise<void>((resolve) => (retried = resolve));
    database = await createTestDatabase({ seed: false, open: { onBusy: () => ++busy === 2 && retried() } });
    const lock = holdWriteLock(database.url);
    const written = inTransaction(database.db, async (tx) => {
      const before = await tables(tx).scheduledSend.count();
      await tables(tx).scheduledSend.create({ data: { key: "ours", at: new Date() } });
      return before;
    });
    await retriedTwice;
    lock.release();
    // Read after the other process committed: the lock was taken before the read, not upgraded after it.
    expect(await written).toBe(1);
    expect(busy).toBeGreaterThan(1);
    expect(await tables(database.db).scheduledSend.count()).toBe(2);
  });

  it.skipIf(onPostgres)("give up after a bounded wait with DatabaseBusy, and leave the connection usable", async () => {
    database = await createTestDatabase({ seed: false, open: { busyRetry: { maxWaitMs: 120, firstDelayMs: 2, maxDelayMs: 20 } } });
    const lock = holdWriteLock(database.url);
    // Bounded: it gives up while the lock is still held (an unbounded wait would never get here).
    const error = await inTransaction(database.db, (tx) => tables(tx).scheduledSend.count()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(DatabaseBusy);
    expect(isDatabaseBusy(error)).toBe(true);
    // Recognised by its name when it comes back wrapped in another error.
    expect(isDatabaseBusy(new Error("transaction failed", { cause: error }))).toBe(true);
    lock.release();
    await expect(inTransaction(database.db, (tx) => tables(tx).scheduledSend.create({ data: { key: "after", at: new Date() } }))).resolves.toBeTruthy();
  });

  it.skipIf(onPostgres)("do not stall the event loop while they wait for the lock", async () => {
    let retried!: () => void;
    const retrying = new Promise<void>((resolve) => (retried = resolve));
    database = await createTestDatabase({ seed: false, open: { onBusy: () => retried() } });
    const lock = holdWriteLock(database.url);
    let done = false;
    const written = inTransaction(database.db, (tx) => tables(tx).scheduledSend.create({ data: { key: "later", at: new Date() } })).then(() => (done = true));
    await retrying;
    // A timer fires while the write is still waiting: the wait happens between turns of the loop, not inside SQLite.
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(done).toBe(false);
    lock.release();
    await written;
    expect(await tables(database.db).scheduledSend.count()).toBe(2);
  });

  it("take in multi-row writes and the transactions they call, and undo all of it together", async () => {
    database = await createTestDatabase({ seed: false });
    const { db } = database;
    const failed = inTransaction(db, async (tx) => {
      await tables(tx).scheduledSend.createMany({
        data: [
          { key: "a", at: new Date() },
          { key: "b", at: new Date() },
        ],
      });
      await inTransaction(db, (inner) => tables(inner).scheduledSend.create({ data: { key: "c", at: new Date() } }));
      expect(await tables(tx).scheduledSend.count()).toBe(3);
      throw new Error("refused");
    });
    await expect(failed).rejects.toThrow("refused");
    expect(await tables(db).scheduledSend.count()).toBe(0);
    await inTransaction(db, (tx) => tables(tx).scheduledSend.createMany({ data: [{ key: "d", at: new Date() }] }));
    expect(await tables(db).scheduledSend.count()).toBe(1);
  });

  it.skipIf(onPostgres)("run one at a time: a write outside waits for the transaction in progress instead of joining it", async () => {
    database = await createTestDatabase({ seed: false });
    const { db } = database;
    let wrote!: () => void;
    const oursWrote = new Promise<void>((resolve) => (wrote = resolve));
    let outsideStarted!: () => void;
    const outsideQueued = new Promise<void>((resolve) => (outsideStarted = resolve));
    let outsideDone = false;
    const ours = inTransaction(db, async (tx) => {
      await tables(tx).scheduledSend.create({ data: { key: "ours", at: new Date() } });
      wrote();
      await outsideQueued;
      // Many turns of the event loop later, the outside write still waits its turn (one that joined ours would be done).
      for (let turn = 0; turn < 20; turn++) await new Promise((resolve) => setImmediate(resolve));
      expect(outsideDone).toBe(false);
      throw new Error("undo ours");
    });
    await oursWrote;
    const outside = tables(db)
      .scheduledSend.createMany({ data: [{ key: "outside", at: new Date() }] })
      .then(() => (outsideDone = true));
    outsideStarted();
    await expect(ours).rejects.toThrow("undo ours");
    await outside;
    expect((await tables(db).scheduledSend.findMany()).map((row) => row.key)).toEqual(["outside"]);
  });

  it("two processes reporting at once through the message door: every report is stored and answered", async () => {
    database = await createTestDatabase();
    const writer = (prefix: string) =>
      run(process.execPath, ["--import", "tsx", "test/helpers/reportWriter.ts", database!.url, prefix, "30"]).then((out) => JSON.parse(out.stdout));
    const [a, b] = await Promise.all([writer("a"), writer("b")]);
    expect(a).toEqual({ handled: 30, failures: [] });
    expect(b).toEqual({ handled: 30, failures: [] });
    expect(await tables(database.db).inboundMessage.count()).toBe(60);
    // Same lamp, same building from both: the second becomes a 附议 of the first, as it should.
    expect(await tables(database.db).ticket.count()).toBeGreaterThanOrEqual(30);
  }, 120_000);
});

describe.skipIf(onPostgres)("a message that cannot be stored", () => {
  it("is answered 503 so the platform sends it again, and stored when it does", async () => {
    t = await startTestBot({ open: { busyRetry: { maxWaitMs: 100, firstDelayMs: 2, maxDelayMs: 20 } } });
    const lock = holdWriteLock(t.database.url);
    const body = { userId: "u-zhang", text: "@议事助手 3号楼楼道灯不亮了", messageId: "retried-1" };
    const refused = await t.request("POST", "/sandbox/groups/g-yangguang/messages", { body });
    expect(refused.status).toBe(503);
    expect(refused.body.error.code).toBe("unavailable");
    expect(await tables(t.database.db).inboundMessage.count({ where: { messageId: "retried-1" } })).toBe(0);
    lock.release();
    const retried = await t.request("POST", "/sandbox/groups/g-yangguang/messages", { body });
    expect(retried.status).toBe(200);
    expect(retried.body.status).toBe("handled");
    expect(await tables(t.database.db).inboundMessage.count({ where: { messageId: "retried-1" } })).toBe(1);
  });
});
