import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "../../src/store/migrate.ts";
import { createTestDatabase } from "../helpers/testDatabase.ts";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const POST_PLATFORM = "20261206060000_post_platform_and_failure";
const PENDING_POINTS = "20261206232304_pending_points_and_hand_over";

/** A SQLite file with every migration before `name` applied, and a function that applies `name` itself. */
function migratedUpTo(name: string): { db: Sqlite.Database; apply: () => void; dispose: () => void } {
  const dir = mkdtempSync(path.join(tmpdir(), "yishi-migration-"));
  const db = new Sqlite(path.join(dir, "before.db"));
  const migrations = readdirSync(MIGRATIONS, { withFileTypes: true })
    .filter((entry) => entry.isDirectory())
    .map((entry) => entry.name)
    .sort();
  const index = migrations.indexOf(name);
  expect(index).toBeGreaterThan(0);
  for (const earlier of migrations.slice(0, index)) db.exec(readFileSync(path.join(MIGRATIONS, earlier, "migration.sql"), "utf8"));
  return {
    db,
    apply: () => db.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8")),
    dispose: () => {
      db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

describe("migrations", () => {
  it("are all pending for a missing database and none for a migrated one", async () => {
    const all = readdirSync(new URL("../../prisma/migrations", import.meta.url), { withFileTypes: true }).filter((entry) => entry.isDirectory());
    expect(await pendingMigrations("file:/tmp/yishi-does-not-exist.db")).toHaveLength(all.length);
    const database = await createTestDatabase({ seed: false });
    expect(await pendingMigrations(database.url)).toEqual([]);
    await database.close();
  });
});

describe("the migration that gives each post its platform and the kind of its last failure", () => {
  it("backfills the platform from the post's group (else its channel's first word) and the kind from the error the outbox wrote", () => {
    const { db, apply, dispose } = migratedUpTo(POST_PLATFORM);
    try {
      db.exec(`INSERT INTO "Unit" ("id", "name", "level") VALUES ('xq', '阳光花园', 'estate')`);
      db.exec(
        `INSERT INTO "Group" ("id", "name", "kind", "unitId", "platform", "chatId", "createdAt") VALUES ('g-wx', 'A', 'residents', 'xq', 'wecom', 'wxA', 0)`,
      );
      const insert = db.prepare(
        `INSERT INTO "BotPost" ("groupId", "text", "kind", "createdAt", "channel", "status", "lastError") VALUES (?, ?, 'notice', 0, ?, ?, ?)`,
      );
      const rows: [string, string, string, string, string | null][] = [
        ["g-wx", "passive reply", "passive", "sent", null],
        ["g-wx", "outage", "wecom_webhook", "dead", "network: connect ECONNREFUSED"],
        ["g-wx", "5xx", "wecom_webhook", "pending", "http 502"],
        ["g-gone", "rate limited", "dingtalk_webhook", "dead", "rate limited: errcode 130101: send too fast"],
        ["g-gone", "refused", "dingtalk_session", "dead", "errcode 310000: sign not match"],
        ["g-gone", "busy", "dingtalk_webhook", "pending", "errcode -1: busy"],
        ["g-gone", "sandbox", "sandbox", "sent", null],
      ];
      for (const row of rows) insert.run(...row);
      apply();
      expect(db.prepare(`SELECT "text", "platform", "failure" FROM "BotPost" ORDER BY "id"`).all()).toEqual([
        { text: "passive reply", platform: "wecom", failure: null },
        { text: "outage", platform: "wecom", failure: "outage" },
        { text: "5xx", platform: "wecom", failure: "outage" },
        { text: "rate limited", platform: "dingtalk", failure: "rateLimited" },
        { text: "refused", platform: "dingtalk", failure: "permanent" },
        { text: "busy", platform: "dingtalk", failure: "rejected" },
        { text: "sandbox", platform: "sandbox", failure: null },
      ]);
    } finally {
      dispose();
    }
  });
});

describe("the migration that makes 签到 points wait for their meeting", () => {
  it("reads each 签到 entry's meeting from its dedupe key and leaves every other entry without one", () => {
    const { db, apply, dispose } = migratedUpTo(PENDING_POINTS);
    try {
      const insert = db.prepare(
        `INSERT INTO "PointEntry" ("memberId", "unitId", "points", "kind", "reason", "ticketNumber", "dedupeKey", "at") VALUES (?, 'xq', ?, ?, '', ?, ?, 0)`,
      );
      insert.run("m-zhang", 3, "meeting_attended", null, "meeting_attended:7:m-zhang");
      insert.run("m-zhang", -3, "meeting_cancelled", null, "meeting_cancelled:12:m-zhang");
      insert.run("m-li", 3, "meeting_attended", null, "meeting_attended:123:m-li");
      insert.run("m-zhang", 2, "report_accepted", 7, "report_accepted:7");
      insert.run("m-li", 5, "award", null, null);
      apply();
      expect(db.prepare(`SELECT "kind", "meetingNumber" FROM "PointEntry" ORDER BY "id"`).all()).toEqual([
        { kind: "meeting_attended", meetingNumber: 7 },
        { kind: "meeting_cancelled", meetingNumber: 12 },
        { kind: "meeting_attended", meetingNumber: 123 },
        { kind: "report_accepted", meetingNumber: null },
        { kind: "award", meetingNumber: null },
      ]);
    } finally {
      dispose();
    }
  });
});
