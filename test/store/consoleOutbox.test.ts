import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { outboxByGroup, requeueDeadOfGroup, unsentPostsOf } from "../../src/store/consoleOutbox.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

const now = new Date("2026-11-23T02:00:00Z");
const minutes = (n: number) => new Date(now.getTime() + n * 60_000);

type Post = { groupId: string; status: string; failure?: string | null; nextAttemptAt?: Date | null; createdAt?: Date; attempts?: number };
async function post({ groupId, status, failure = null, nextAttemptAt = null, createdAt = minutes(-30), attempts = 0 }: Post): Promise<number> {
  const row = await database.db.query
    .insertInto("BotPost")
    .values({
      groupId,
      text: `${groupId} ${status}`,
      kind: "notice",
      createdAt,
      platform: "sandbox",
      channel: "robot",
      status,
      failure,
      nextAttemptAt,
      attempts,
      lastError: failure ? "boom" : null,
    })
    .returning("id")
    .executeTakeFirstOrThrow();
  return row.id;
}

describe("the console's outbox by group", () => {
  it("counts pending, paused, sending and dead letters by kind, per group, leaving sent posts out", async () => {
    await post({ groupId: "g-yangguang", status: "pending", createdAt: minutes(-50) });
    await post({ groupId: "g-yangguang", status: "pending", failure: "rateLimited", nextAttemptAt: minutes(5) });
    await post({ groupId: "g-yangguang", status: "pending", failure: "outage", nextAttemptAt: minutes(-1) }); // its pause is over: due
    await post({ groupId: "g-yangguang", status: "sending" });
    await post({ groupId: "g-yangguang", status: "dead", failure: "permanent", attempts: 1 });
    await post({ groupId: "g-yangguang", status: "dead", failure: "outage", attempts: 8 });
    await post({ groupId: "g-yangguang", status: "dead", failure: "outage", attempts: 8 });
    await post({ groupId: "g-lijing", status: "sent" });
    await post({ groupId: "g-xingfu-staff", status: "dead", failure: null });

    const groups = await outboxByGroup(database.db, now);
    expect(groups).toEqual([
      { groupId: "g-xingfu-staff", pending: 0, paused: 0, sending: 0, dead: 1, deadByKind: { unknown: 1 }, oldestWaitingAt: null },
      {
        groupId: "g-yangguang",
        pending: 2,
        paused: 1,
        sending: 1,
        dead: 3,
        deadByKind: { permanent: 1, outage: 2 },
        oldestWaitingAt: minutes(-50),
      },
    ]);
  });

  it("re-queues every dead letter of one group as new, and nothing of another group or in another state", async () => {
    const deadHere = [
      await post({ groupId: "g-yangguang", status: "dead", failure: "permanent", attempts: 1 }),
      await post({ groupId: "g-yangguang", status: "dead", failure: "outage", attempts: 8 }),
    ];
    const pendingHere = await post({ groupId: "g-yangguang", status: "pending", failure: "rateLimited", nextAttemptAt: minutes(5) });
    const deadThere = await post({ groupId: "g-lijing", status: "dead", failure: "permanent", attempts: 1 });

    expect(await requeueDeadOfGroup(database.db, "g-yangguang", now)).toBe(2);
    const rows = await tables(database.db).botPost.findMany({ orderBy: { id: "asc" } });
    const byId = new Map(rows.map((row: any) => [row.id, row]));
    for (const id of deadHere) expect(byId.get(id)).toMatchObject({ status: "pending", attempts: 0, failure: null, lastError: null, nextAttemptAt: now });
    expect(byId.get(pendingHere)).toMatchObject({ status: "pending", failure: "rateLimited", nextAttemptAt: minutes(5) });
    expect(byId.get(deadThere)).toMatchObject({ status: "dead", failure: "permanent", attempts: 1 });
    expect(await requeueDeadOfGroup(database.db, "g-yangguang", now)).toBe(0);
    expect((await unsentPostsOf(database.db, "g-yangguang", 10)).map((row) => row.id)).toEqual([pendingHere, ...deadHere].sort((a, b) => b - a));
  });
});
