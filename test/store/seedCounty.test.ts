import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterEach, describe, expect, it } from "vitest";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

const run = promisify(execFile);
let database: TestDatabase;
afterEach(async () => {
  await database.close();
});

describe("npm run seed:county", () => {
  it("fills the database with a county shaped like Lanling and prints one JSON line last", async () => {
    database = await createTestDatabase({ seed: false });
    const { stdout } = await run(process.execPath, ["--import", "tsx", "scripts/seed-county.ts", "--tickets", "400", "--at", "2026-11-23T02:00:00Z"], {
      env: { ...process.env, DATABASE_URL: database.url },
    });
    const last = JSON.parse(stdout.trim().split("\n").at(-1)!);
    expect(last).toEqual({ county: "lc-county", staffGroup: "lc-g-county", staffUser: "lc-u-county-dept", tickets: 400 });
    const { db } = database;
    const levels = await db.query
      .selectFrom("Unit")
      .select((eb) => ["level", eb.fn.countAll<number>().as("count")])
      .groupBy("level")
      .execute();
    expect(Object.fromEntries(levels.map((l) => [l.level, Number(l.count)]))).toEqual({ county: 1, subdistrict: 8, community: 40, estate: 160 });
    expect(await tables(db).group.count({ where: { kind: "residents" } })).toBe(160);
    expect(await tables(db).group.count({ where: { kind: "staff" } })).toBe(1 + 8 + 40);
    expect(await tables(db).membership.findUnique({ where: { groupId_memberId: { groupId: "lc-g-county", memberId: "lc-u-county-dept" } } })).toMatchObject({
      role: "department",
    });
    expect(await tables(db).ticket.count()).toBe(400);
    const events = await tables(db).ticketEvent.count();
    expect(events / 400).toBeGreaterThan(3.5);
    expect(events / 400).toBeLessThan(6.5);
    const now = new Date("2026-11-23T02:00:00Z");
    const overdue = await tables(db).ticket.count({ where: { status: { in: ["reported", "accepted", "assigned"] }, resolveDueAt: { lt: now } } });
    expect(overdue / 400).toBeGreaterThan(0.01);
    expect(overdue / 400).toBeLessThan(0.12);
    const oldest = await tables(db).ticket.findFirstOrThrow({ orderBy: { createdAt: "asc" } });
    expect(now.getTime() - oldest.createdAt.getTime()).toBeLessThanOrEqual(365 * 86_400_000);
  }, 60_000);
});
