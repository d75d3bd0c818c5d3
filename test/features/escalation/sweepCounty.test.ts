import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { createBot } from "../../../src/app.ts";
import { loadConfig } from "../../../src/config.ts";
import { runSlaSweep } from "../../../src/features/escalation/slaSweep.ts";
import { createLogger } from "../../../src/logger.ts";
import type { Database } from "../../../src/store/database.ts";
import { seedCounty } from "../../../src/store/seedCounty.ts";
import * as sweepStore from "../../../src/store/sweep.ts";
import { createTestDatabase, type TestDatabase } from "../../helpers/testDatabase.ts";

vi.mock("../../../src/store/sweep.ts", async (importOriginal) => {
  const real = await importOriginal<typeof import("../../../src/store/sweep.ts")>();
  return { ...real, claimAndPatchTickets: vi.fn(real.claimAndPatchTickets) };
});

const SEEDED_AT = new Date("2026-11-23T02:00:00Z");
const claim = vi.mocked(sweepStore.claimAndPatchTickets);
const { claimAndPatchTickets: batchedClaim } = await vi.importActual<typeof import("../../../src/store/sweep.ts")>("../../../src/store/sweep.ts");

let databases: TestDatabase[];
beforeEach(async () => {
  databases = [await createTestDatabase({ seed: false }), await createTestDatabase({ seed: false })];
  for (const database of databases) await seedCounty(database.url, 2000, SEEDED_AT);
});
afterEach(async () => {
  claim.mockImplementation(batchedClaim);
  for (const database of databases) await database.close();
});

function sweep(db: Database) {
  const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "unused-admin-token-0123456789", () => SEEDED_AT);
  return runSlaSweep(bot.deps, SEEDED_AT);
}

/** The tickets, their histories and the queued posts, ids left out (each database numbers its own). */
async function contents(db: Database) {
  const tickets = await db.query.selectFrom("Ticket").selectAll().orderBy("number").execute();
  const events = await db.query.selectFrom("TicketEvent").selectAll().orderBy("ticketNumber").orderBy("id").execute();
  const posts = await db.query.selectFrom("BotPost").selectAll().orderBy("id").execute();
  const withoutId = <T extends { id: unknown }>({ id: _id, ...rest }: T) => rest;
  return { tickets, events: events.map(withoutId), posts: posts.map(withoutId) };
}

describe("the SLA sweep's batched claims on a seeded county", () => {
  it("write the same tickets, history and posts as one claim per ticket", async () => {
    // The reference: every ticket claimed by an UPDATE of its own, as before the claims were batched.
    claim.mockImplementation(async (tx, changes, now) => {
      const claimed = new Set<number>();
      for (const change of changes) for (const number of await batchedClaim(tx, [change], now)) claimed.add(number);
      return claimed;
    });
    const one = await sweep(databases[0]!.db);
    claim.mockImplementation(batchedClaim);
    const batched = await sweep(databases[1]!.db);

    expect(batched).toEqual(one);
    // Enough escalations to different units, colours and departments that the batched UPDATEs carry many values.
    expect(one.escalated).toBeGreaterThan(50);
    const [before, after] = [await contents(databases[0]!.db), await contents(databases[1]!.db)];
    expect(after.tickets).toEqual(before.tickets);
    expect(after.events).toEqual(before.events);
    expect(after.posts).toEqual(before.posts);
    const escalatedNow = after.events.filter((event) => event.type === "escalated" && event.at.getTime() === SEEDED_AT.getTime());
    expect(escalatedNow.length).toBe(one.escalated);
  }, 180_000);
});
