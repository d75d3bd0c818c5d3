import Sqlite from "better-sqlite3";
import { afterAll, afterEach, beforeAll, describe, expect, inject, it } from "vitest";
import { handleIncomingMessage } from "../../src/features/handleMessage.ts";
import type { IncomingMessage } from "../../src/messaging/types.ts";
import { upsertGroupBinding } from "../../src/store/org.ts";
import { startTestBot, type TestBot } from "../helpers/testBot.ts";
import { tables } from "../helpers/tables.ts";

/** Counts the statements better-sqlite3 runs: SQLite only. */
const onPostgres = inject("databaseDialect") === "postgres";

/** Every statement better-sqlite3 runs in this worker, while `recording` is on. */
const executed: string[] = [];
let recording = false;
const statementPrototype = Object.getPrototypeOf(new Sqlite(":memory:").prepare("SELECT 1")) as Record<string, (...args: unknown[]) => unknown>;
const originals = { run: statementPrototype.run!, get: statementPrototype.get!, all: statementPrototype.all! };

beforeAll(() => {
  for (const [name, original] of Object.entries(originals)) {
    statementPrototype[name] = function (this: { source: string }, ...args: unknown[]) {
      if (recording) executed.push(this.source.replace(/\s+/g, " ").trim());
      return original.apply(this, args);
    };
  }
});
afterAll(() => Object.assign(statementPrototype, originals));

let t: TestBot | undefined;
afterEach(async () => {
  await t?.close();
  t = undefined;
});

/** Statements that read or write a table: not the transaction's BEGIN/COMMIT, not PRAGMAs. */
const tableStatements = () => executed.filter((sql) => !/^(BEGIN|COMMIT|ROLLBACK|SAVEPOINT|RELEASE|PRAGMA)\b/i.test(sql));

async function record(work: () => Promise<unknown>): Promise<string[]> {
  executed.length = 0;
  recording = true;
  try {
    await work();
  } finally {
    recording = false;
  }
  return tableStatements();
}

describe("the message path", () => {
  it.skipIf(onPostgres)("files a new report from a known resident in at most five statements, the retry check folded into the insert", async () => {
    t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
    const { db } = t.database;
    await upsertGroupBinding(db, { platform: "wecom", chatId: "wr-path", unitId: "xq-yangguang", kind: "residents", name: "阳光花园" });
    const message = (id: string, text: string): IncomingMessage => ({
      platform: "wecom",
      messageId: id,
      chatId: "wr-path",
      userId: "wx-zhang",
      userName: "张阿姨",
      text,
      addressed: true,
    });
    await handleIncomingMessage(t.bot.deps, message("m-1", "3号楼电梯坏了")); // first contact: enrolled
    await handleIncomingMessage(t.bot.deps, message("m-1b", "3号楼电梯还是坏的")); // read back once after the enrolment

    const statements = await record(() => handleIncomingMessage(t!.bot.deps, message("m-2", "5号楼2单元楼道灯不亮了")));
    expect(statements.length).toBeLessThanOrEqual(5);
    expect(statements.filter((sql) => /^INSERT INTO "InboundMessage"/i.test(sql))).toHaveLength(1);
    expect(statements.some((sql) => /FROM "(Unit|Group|Member|Membership)"/i.test(sql))).toBe(false);
    expect(await tables(db).ticket.count()).toBe(2);

    // A retry runs again, inserts nothing, keeps nothing, and is answered with the first reply.
    const first = await handleIncomingMessage(t.bot.deps, message("m-2", "5号楼2单元楼道灯不亮了"));
    expect(first.status).toBe("duplicate");
    expect(first.replies[0]).toContain("#2");
    expect(await tables(db).ticket.count()).toBe(2);
    expect(await tables(db).inboundMessage.count({ where: { messageId: "m-2" } })).toBe(1);
  });

  it("answers a progress query without reading the organisation from the database", async () => {
    t = await startTestBot({ now: "2026-11-23T02:00:00Z" });
    await t.say("g-yangguang", "u-zhang", "@议事助手 3号楼电梯坏了");
    const statements = await record(() => t!.say("g-yangguang", "u-zhang", "@议事助手 我的"));
    expect(statements.some((sql) => /FROM "(Unit|Group|Member|Membership)"/i.test(sql))).toBe(false);
  });
});
