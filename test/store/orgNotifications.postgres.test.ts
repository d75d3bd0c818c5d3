import { afterEach, beforeEach, describe, expect, inject, it } from "vitest";
import { createLogger } from "../../src/logger.ts";
import { Directory } from "../../src/store/directory.ts";
import { listenForOrgChanges, type OrgListener } from "../../src/store/orgNotifications.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

const onPostgres = inject("databaseDialect") === "postgres";
let database: TestDatabase;
let other: TestDatabase;
let listener: OrgListener | undefined;

beforeEach(async () => {
  database = await createTestDatabase();
  other = await joinTestDatabase(database);
});
afterEach(async () => {
  await listener?.stop();
  await other.close();
  await database.close();
});

/** Polls `check` until it holds, or fails after `withinMs`. */
async function eventually(check: () => boolean, withinMs: number): Promise<void> {
  const started = Date.now();
  while (!check()) {
    if (Date.now() - started > withinMs) throw new Error(`not within ${withinMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
}

describe.skipIf(!onPostgres)("the organisation across instances (LISTEN/NOTIFY)", () => {
  it("tells another instance of a change within a second, and its directory then sees it", async () => {
    const seen = await new Directory(other.db).refresh();
    let notified = 0;
    let connected = false;
    listener = listenForOrgChanges(
      other.url,
      () => {
        if (!connected) connected = true;
        else notified++;
        seen.invalidate();
      },
      createLogger("silent"),
    );
    await eventually(() => connected, 5_000);
    expect((await seen.refresh()).group("g-new")).toBeNull();

    await database.db.query
      .insertInto("Group")
      .values({ id: "g-new", name: "新群", kind: "residents", unitId: "xq-yangguang", platform: "sandbox", chatId: "new-chat", createdAt: new Date() })
      .execute();

    await eventually(() => notified > 0, 1_000);
    await seen.refresh();
    expect(seen.group("g-new")?.name).toBe("新群");
  });
});
