import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import Sqlite from "better-sqlite3";
import { describe, expect, it } from "vitest";
import { pendingMigrations } from "../../src/store/migrate.ts";
import { createTestDatabase } from "../helpers/testDatabase.ts";

const MIGRATIONS = path.resolve(import.meta.dirname, "../../prisma/migrations");
const POST_PLATFORM = "20261206060000_post_platform_and_failure";

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
    const dir = mkdtempSync(path.join(tmpdir(), "yishi-migration-"));
    const db = new Sqlite(path.join(dir, "before.db"));
    try {
      const migrations = readdirSync(MIGRATIONS, { withFileTypes: true })
        .filter((entry) => entry.isDirectory())
        .map((entry) => entry.name)
        .sort();
      const index = migrations.indexOf(POST_PLATFORM);
      expect(index).toBeGreaterThan(0);
      for (const name of migrations.slice(0, index)) db.exec(readFileSync(path.join(MIGRATIONS, name, "migration.sql"), "utf8"));
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
      db.exec(readFileSync(path.join(MIGRATIONS, POST_PLATFORM, "migration.sql"), "utf8"));
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
      db.close();
      rmSync(dir, { recursive: true, force: true });
    }
  });
});
