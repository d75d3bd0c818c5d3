import { sql } from "kysely";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { claimNextDelivery } from "../../src/store/webhookDeliveries.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

// The webhook deliveries' claim has the outbox's shape (test/outbox/claimAfterChurn.test.ts): a scalar
// subquery of each queue's head. On PostgreSQL, after a few hundred deliveries came and went and ANALYZE ran,
// an `in` subquery may be joined to the table and one claim take every queue's head.
const TICKETS = ["ticket:1", "ticket:2", "ticket:3", "ticket:4"];
const now = new Date("2026-11-23T02:00:00Z");
let database: TestDatabase;
let other: TestDatabase;
let endpointId: number;

beforeEach(async () => {
  database = await createTestDatabase();
  other = await joinTestDatabase(database);
  const endpoint = await tables(database.db).webhookEndpoint.create({
    data: { unitId: "xq-yangguang", url: "https://hooks.example.com/yishi", events: "[]", secret: "s3cret", zone: "Asia/Shanghai", createdAt: now },
  });
  endpointId = endpoint.id as number;
});
afterEach(async () => {
  await other.close();
  await database.close();
});

const delivery = (orderKey: string, eventId: string) => ({
  eventId,
  endpointId,
  type: "ticket.reported",
  orderKey,
  body: "{}",
  status: "pending",
  createdAt: now,
  nextAttemptAt: now,
});

describe("claiming webhook deliveries after many came and went", () => {
  for (const gone of [0, 300]) {
    it(`gives each of eight claims at once at most one delivery, each queue's first (${gone} deliveries sent and deleted before)`, async () => {
      await tables(database.db).webhookDelivery.createMany({ data: Array.from({ length: gone }, (_, i) => delivery(TICKETS[i % 4]!, `old:${i}`)) });
      await tables(database.db).webhookDelivery.deleteMany({});
      if (database.db.dialect === "postgres") await sql`ANALYZE "WebhookDelivery"`.execute(database.db.query);
      await tables(database.db).webhookDelivery.createMany({ data: [1, 2, 3].flatMap((i) => TICKETS.map((ticket) => delivery(ticket, `${ticket}:${i}`))) });
      const request = (claimedBy: string) => ({ claimedBy, now, leaseUntil: new Date(now.getTime() + 60_000) });

      const claims = await Promise.all([
        ...Array.from({ length: 4 }, () => claimNextDelivery(database.db, request("instance-a"))),
        ...Array.from({ length: 4 }, () => claimNextDelivery(other.db, request("instance-b"))),
      ]);

      const firstOfEachQueue = TICKETS.map((ticket) => `${ticket}:1`);
      // Every delivery taken was handed to a claimer: none sits in `sending` with nobody to send it.
      const sending = await tables(database.db).webhookDelivery.findMany({ where: { status: "sending" } });
      expect(sending.map((row) => row.eventId).sort()).toEqual(firstOfEachQueue);
      expect(claims.flatMap((claim) => (claim ? [claim.eventId] : [])).sort()).toEqual(firstOfEachQueue);
    });
  }
});
