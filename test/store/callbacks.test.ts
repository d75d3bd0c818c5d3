import { afterEach, describe, expect, it } from "vitest";
import { recordSeenCallback } from "../../src/store/callbacks.ts";
import { inTransaction } from "../../src/store/database.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

const NOW = new Date("2026-11-23T02:00:00Z");
const LATER = new Date("2026-11-23T05:00:00Z");
const open: TestDatabase[] = [];
afterEach(async () => {
  for (const database of open.splice(0).reverse()) await database.close();
});

describe("the replay memory with several instances on one database", () => {
  it("records a key's first sighting once when two instances see it at once: the other gets that sighting, never a unique violation", async () => {
    const first = await createTestDatabase({ seed: false });
    open.push(first);
    const second = await joinTestDatabase(first);
    open.push(second);
    const results = await Promise.all(
      Array.from({ length: 6 }, (_, i) =>
        inTransaction((i % 2 ? first : second).db, (tx) => recordSeenCallback(tx, "dingtalk-msg:m1", `digest-${i}`, NOW, LATER)),
      ),
    );
    const firsts = results.filter((result) => result === null);
    expect(firsts).toHaveLength(1);
    const winner = results.indexOf(null);
    for (const result of results.filter((entry) => entry !== null)) expect(result).toEqual({ digest: `digest-${winner}`, firstSeenAt: NOW });
  });
});
