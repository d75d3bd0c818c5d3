import { afterEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/store/database.ts";
import { createTicket, type NewTicket } from "../../src/store/tickets.ts";
import { createTestDatabase, joinTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

let databases: TestDatabase[] = [];
afterEach(async () => {
  for (const database of databases.reverse()) await database.close();
  databases = [];
});

const at = new Date("2026-11-23T02:00:00Z");
const report = (text: string): NewTicket => ({
  groupId: "g-yangguang",
  unitId: "xq-yangguang",
  handlingUnitId: "xq-yangguang",
  level: "estate",
  reporterId: "u-zhang",
  text,
  category: "repair",
  colour: "yellow",
  building: null,
  unitNo: null,
  room: null,
  locationText: null,
  acceptDueAt: at,
  resolveDueAt: at,
  createdAt: at,
});

describe("ticket numbers", () => {
  it("stay unique and gapless when reports from two connections race and some roll back", async () => {
    const first = await createTestDatabase();
    databases.push(first);
    // Two connections, as two instances (PostgreSQL) or two processes (SQLite) have.
    const second = await joinTestDatabase(first);
    databases.push(second);
    const outcomes = await Promise.allSettled(
      Array.from({ length: 24 }, (_, i) =>
        inTransaction(i % 2 ? first.db : second.db, async (tx) => {
          const ticket = await createTicket(tx, report(`第${i}件事`), []);
          // Every third report fails after taking its number: the number must be handed out again.
          if (i % 3 === 0) throw new Error(`report ${i} refused after numbering`);
          return ticket.number;
        }),
      ),
    );
    const numbers = outcomes.flatMap((outcome) => (outcome.status === "fulfilled" ? [outcome.value] : []));
    expect(numbers).toHaveLength(16);
    expect([...numbers].sort((a, b) => a - b)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
    const stored = await tables(first.db).ticket.findMany({ orderBy: { number: "asc" } });
    expect(stored.map((ticket) => ticket.number)).toEqual(Array.from({ length: 16 }, (_, i) => i + 1));
  });
});
