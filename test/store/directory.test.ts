import { afterEach, describe, expect, inject, it, onTestFinished, vi } from "vitest";
import { inTransaction } from "../../src/store/database.ts";
import { enrolMember, findGroupByChat, findMemberByPlatformUser, loadUnitTree, roleIn, upsertMembership } from "../../src/store/org.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

let database: TestDatabase | undefined;
afterEach(async () => {
  await database?.close();
  database = undefined;
});

describe("the organisation in memory", () => {
  it("sees a change made in this process at the very next lookup, inside a transaction too", async () => {
    database = await createTestDatabase();
    const { db } = database;
    expect(await findMemberByPlatformUser(db, "sandbox", "u-new")).toBeNull();
    await inTransaction(db, async (tx) => {
      const member = await enrolMember(tx, "sandbox", "u-new", "新居民");
      expect(await findMemberByPlatformUser(tx, "sandbox", "u-new")).toMatchObject({ id: member.id, name: "新居民" });
      expect(await roleIn(tx, "g-yangguang", member.id)).toBeNull();
      await upsertMembership(tx, "g-yangguang", member.id, "resident");
      expect(await roleIn(tx, "g-yangguang", member.id)).toBe("resident");
    });
    // Written directly, as a test or a script would.
    await tables(db).unit.update({ where: { id: "xq-yangguang" }, data: { name: "阳光花园（东区）" } });
    expect((await loadUnitTree(db)).get("xq-yangguang")?.name).toBe("阳光花园（东区）");
  });

  it("forgets what a rolled-back transaction wrote", async () => {
    database = await createTestDatabase();
    const { db } = database;
    await expect(
      inTransaction(db, async (tx) => {
        await enrolMember(tx, "sandbox", "u-ghost", "幽灵");
        expect(await findMemberByPlatformUser(tx, "sandbox", "u-ghost")).not.toBeNull();
        throw new Error("refused");
      }),
    ).rejects.toThrow("refused");
    expect(await findMemberByPlatformUser(db, "sandbox", "u-ghost")).toBeNull();
  });

  // PostgreSQL learns of it by notification instead (directory.postgres.test.ts).
  it.skipIf(inject("databaseDialect") === "postgres")(
    "sees a change another process committed, once its few milliseconds between checks have passed",
    async () => {
      // The directory checks for other processes' commits by the monotonic clock: a fake one, moved by hand.
      vi.useFakeTimers({ toFake: ["performance"] });
      onTestFinished(() => void vi.useRealTimers());
      database = await createTestDatabase();
      const { db } = database;
      expect(await findGroupByChat(db, "wecom", "wr-other")).toBeNull();
      // Another connection, as another process or instance has: this one's writes are not counted here.
      const other = await joinTestDatabase(database);
      await tables(other.db).group.create({
        data: {
          id: "g-other",
          name: "另一进程绑定的群",
          kind: "residents",
          unitId: "xq-yangguang",
          platform: "wecom",
          chatId: "wr-other",
          createdAt: new Date(),
        },
      });
      await other.close();
      // Within the interval the organisation is answered from memory, without asking the database.
      expect(await findGroupByChat(db, "wecom", "wr-other")).toBeNull();
      vi.advanceTimersByTime(20);
      expect(await findGroupByChat(db, "wecom", "wr-other")).toMatchObject({ id: "g-other", name: "另一进程绑定的群" });
    },
  );

  it("hands out records nobody can change by accident", async () => {
    database = await createTestDatabase();
    const group = await findGroupByChat(database.db, "sandbox", "g-yangguang");
    expect(group).not.toBeNull();
    expect(() => {
      (group as { name: string }).name = "改名";
    }).toThrow();
  });
});
