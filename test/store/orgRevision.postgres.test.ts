import pg from "pg";
import { afterEach, describe, expect, it } from "vitest";
import { postgresClientConfig } from "../../src/store/postgresConfig.ts";
import { createPostgresDatabase } from "../helpers/testDatabase.ts";

// The directory cache's revision on PostgreSQL (the baseline migration's org_revision_bump trigger): the
// counters move as SQLite's triggers move them, and every instance LISTENing hears of it on commit.

const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0).reverse()) await cleanup();
});

async function connect(url: string): Promise<pg.Client> {
  const client = new pg.Client(postgresClientConfig(url));
  await client.connect();
  cleanups.push(() => client.end());
  return client;
}

function nextNotification(listener: pg.Client): Promise<{ structure: number; members: number }> {
  return new Promise((resolve) => listener.once("notification", (message) => resolve(JSON.parse(message.payload ?? "null"))));
}

async function revision(client: pg.Client) {
  return (await client.query<{ structure: number; members: number }>(`SELECT "structure", "members" FROM "OrgRevision" WHERE "id" = 1`)).rows[0];
}

describe("the organisation revision on PostgreSQL", () => {
  it("starts at zero and bumps structure for units and groups, members for members and memberships", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const db = await connect(database.url);
    expect(await revision(db)).toEqual({ structure: 0, members: 0 });
    await db.query(`INSERT INTO "Unit" ("id", "name", "level") VALUES ('u1', '一号小区', 'estate'), ('u2', '二号小区', 'estate')`);
    await db.query(`INSERT INTO "Group" ("id", "name", "kind", "unitId", "platform", "chatId") VALUES ('g1', '居民群', 'residents', 'u1', 'sandbox', 'c1')`);
    expect(await revision(db)).toEqual({ structure: 2, members: 0 });
    await db.query(`INSERT INTO "Member" ("id", "platform", "platformUserId", "name") VALUES ('m1', 'sandbox', 'p1', '张三')`);
    await db.query(`INSERT INTO "Membership" ("groupId", "memberId", "role") VALUES ('g1', 'm1', 'resident')`);
    await db.query(`UPDATE "Member" SET "name" = '张三丰' WHERE "id" = 'm1'`);
    await db.query(`DELETE FROM "Membership" WHERE "memberId" = 'm1'`);
    expect(await revision(db)).toEqual({ structure: 2, members: 4 });
  });

  it("does not move for a statement that changed no row", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const db = await connect(database.url);
    await db.query(`UPDATE "Unit" SET "name" = 'x' WHERE "id" = 'none'`);
    await db.query(`DELETE FROM "Member" WHERE "id" = 'none'`);
    expect(await revision(db)).toEqual({ structure: 0, members: 0 });
  });

  it("notifies listeners on commit, never for a change rolled back", async () => {
    const database = await createPostgresDatabase();
    cleanups.push(database.drop);
    const listener = await connect(database.url);
    await listener.query("LISTEN org_revision");
    const db = await connect(database.url);
    const heard = nextNotification(listener);
    await db.query("BEGIN");
    await db.query(`INSERT INTO "Unit" ("id", "name", "level") VALUES ('gone', '撤销的', 'estate')`);
    await db.query("ROLLBACK");
    await db.query(`INSERT INTO "Member" ("id", "platform", "platformUserId", "name") VALUES ('m1', 'sandbox', 'p1', '张三')`);
    // The first notification heard is the committed member's: the rolled-back unit told no one.
    expect(await heard).toEqual({ structure: 0, members: 1 });
  });
});
