import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { LeaseElector } from "../../src/cluster/leaseElector.ts";
import { createLogger } from "../../src/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { leaseHolder } from "../../src/store/leases.ts";
import { FakeClock } from "../helpers/testBot.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

// Two instances on one database, each with its own connections, sharing one fake clock.
let database: TestDatabase;
let other: TestDatabase;
let clock: FakeClock;

beforeEach(async () => {
  database = await createTestDatabase({ seed: false });
  other = await joinTestDatabase(database);
  clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
});
afterEach(async () => {
  await other.close();
  await database.close();
});

function elector(db: Database, holder: string, events: string[]) {
  return new LeaseElector({
    db,
    name: "long-connections",
    holder,
    clock: clock.now,
    logger: createLogger("silent"),
    leaseMs: 25_000,
    renewMs: 10_000,
    onGained: () => void events.push(`${holder} opens`),
    onLost: () => void events.push(`${holder} closes`),
  });
}

describe("electing the one instance that holds the long connections", () => {
  it("lets one hold while it renews; the other takes over once the holder stops renewing and its lease expires", async () => {
    const events: string[] = [];
    const a = elector(database.db, "instance-a", events);
    const b = elector(other.db, "instance-b", events);
    await a.tick();
    await b.tick();
    expect([a.holds, b.holds]).toEqual([true, false]);
    // A renews every 10 s: B never gets it.
    for (let i = 0; i < 5; i++) {
      clock.advance(10_000);
      await a.tick();
      await b.tick();
      expect([a.holds, b.holds]).toEqual([true, false]);
    }
    // A dies (stops renewing). B keeps trying every 10 s: not before A's last renewal runs out, then at once.
    clock.advance(10_000);
    await b.tick();
    clock.advance(10_000);
    await b.tick();
    expect(b.holds).toBe(false);
    expect(a.holds).toBe(true);
    clock.advance(10_000);
    expect(a.holds).toBe(false);
    await b.tick();
    expect(b.holds).toBe(true);
    expect(await leaseHolder(database.db, "long-connections", clock.now())).toBe("instance-b");
    // A comes back: it finds B holding, and closes what it had open.
    await a.tick();
    expect([a.holds, b.holds]).toEqual([false, true]);
    expect(events).toEqual(["instance-a opens", "instance-b opens", "instance-a closes"]);
  });

  it("never lets both hold, whatever the order and timing of their tries", async () => {
    const events: string[] = [];
    const electors = [elector(database.db, "instance-a", events), elector(other.db, "instance-b", events)];
    let seed = 7;
    const random = () => (seed = (seed * 1_103_515_245 + 12_345) % 2 ** 31) / 2 ** 31;
    for (let step = 0; step < 60; step++) {
      // Sometimes both try at the same moment, sometimes one is stalled for longer than a lease.
      clock.advance(Math.floor(random() * 30_000));
      const trying = electors.filter(() => random() < 0.7);
      await Promise.all(trying.map((e) => e.tick()));
      const holding = electors.filter((e) => e.holds);
      expect(holding.length).toBeLessThanOrEqual(1);
    }
    // Both held it at some time: the lease changed hands.
    expect(new Set(events.filter((event) => event.endsWith("opens"))).size).toBe(2);
  });

  it("gives the lease up on stop, so the other takes it at its next try", async () => {
    const events: string[] = [];
    const a = elector(database.db, "instance-a", events);
    const b = elector(other.db, "instance-b", events);
    await a.tick();
    await a.stop();
    expect(await leaseHolder(database.db, "long-connections", clock.now())).toBeNull();
    await b.tick();
    expect(b.holds).toBe(true);
    expect(events).toEqual(["instance-a opens", "instance-a closes", "instance-b opens"]);
  });
});
