import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimNextPost } from "../../src/store/outbox.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

// A claim must take one post whatever the table went through before: on PostgreSQL its plan follows the table's
// statistics, and after a few hundred posts came and went (then ANALYZE, as autovacuum does) the claim's
// subquery was once joined to the table and one claim took every group's head, returning one of them.
const GROUPS = ["g-1", "g-2", "g-3", "g-4"];
const now = new Date("2026-11-23T02:00:00Z");
let database: TestDatabase;
let other: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase();
  other = await joinTestDatabase(database);
  for (const id of GROUPS) {
    await tables(database.db).group.create({
      data: { id, name: id, kind: "residents", unitId: "xq-yangguang", platform: "wecom", chatId: id, pushKey: `key-${id}` },
    });
  }
});
afterEach(async () => {
  await other.close();
  await database.close();
});

const post = (groupId: string, text: string) => ({
  groupId,
  text,
  kind: "notice",
  platform: "wecom",
  channel: "wecom_webhook",
  status: "pending",
  createdAt: now,
  nextAttemptAt: now,
});

describe("claiming posts after many came and went", () => {
  for (const gone of [0, 300]) {
    it(`gives each of eight claims at once at most one post, each group's first (${gone} posts sent and deleted before)`, async () => {
      await tables(database.db).botPost.createMany({ data: Array.from({ length: gone }, (_, i) => post(GROUPS[i % 4]!, `old:${i}`)) });
      await tables(database.db).botPost.deleteMany({});
      if (database.db.dialect === "postgres") await sql`ANALYZE "BotPost"`.execute(database.db.query);
      await tables(database.db).botPost.createMany({ data: [1, 2, 3].flatMap((i) => GROUPS.map((group) => post(group, `${group}:${i}`))) });
      const request = (claimedBy: string) => ({ claimedBy, now, leaseUntil: new Date(now.getTime() + 60_000), ratePerMinute: 3 });

      const claims = await Promise.all([
        ...Array.from({ length: 4 }, () => claimNextPost(database.db, request("instance-a"))),
        ...Array.from({ length: 4 }, () => claimNextPost(other.db, request("instance-b"))),
      ]);

      const firstOfEachGroup = GROUPS.map((group) => `${group}:1`);
      // Every post taken was handed to a claimer: none sits in `sending` with nobody to send it.
      const sending = await tables(database.db).botPost.findMany({ where: { status: "sending" } });
      expect(sending.map((row) => row.text).sort()).toEqual(firstOfEachGroup);
      expect(claims.flatMap((claim) => (claim ? [claim.text] : [])).sort()).toEqual(firstOfEachGroup);
    });
  }
});
