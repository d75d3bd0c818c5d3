import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { inTransaction } from "../../src/store/database.ts";
import { claimAndPatchTickets, ticketsByNumbers } from "../../src/store/sweep.ts";
import { applyTicketPatch, createTicket, type TicketRecord } from "../../src/store/tickets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

const NOW = new Date("2026-11-23T02:00:00Z");
const READ_AT = new Date("2026-11-20T02:00:00Z");

let database: TestDatabase;
beforeEach(async () => {
  database = await createTestDatabase();
});
afterEach(async () => {
  await database.close();
});

async function tickets(count: number): Promise<TicketRecord[]> {
  return inTransaction(database.db, async (tx) => {
    const created: TicketRecord[] = [];
    for (let i = 0; i < count; i++) {
      const ticket = await createTicket(
        tx,
        {
          groupId: "g-yangguang",
          unitId: "xq-yangguang",
          handlingUnitId: "xq-yangguang",
          level: "estate",
          reporterId: "u-zhang",
          text: `${i + 1}号楼楼道灯不亮了`,
          category: "facility",
          colour: "yellow",
          acceptDueAt: READ_AT,
          resolveDueAt: READ_AT,
          building: null,
          unitNo: null,
          room: null,
          locationText: null,
          createdAt: READ_AT,
        },
        [],
      );
      created.push(ticket);
    }
    return created;
  });
}

describe("the sweep's claim of its tickets (claimAndPatchTickets)", () => {
  it("changes only the tickets unchanged since they were read, each with its own patch", async () => {
    const read = await tickets(6);
    // Someone acted on #2 and #5 after the sweep read them.
    await inTransaction(database.db, async (tx) => {
      await applyTicketPatch(tx, read[1]!.number, { assigneeName: "王师傅" }, [], new Date("2026-11-22T02:00:00Z"));
      await applyTicketPatch(tx, read[4]!.number, { assigneeName: "李师傅" }, [], new Date("2026-11-22T02:00:00Z"));
    });
    const chase = { lastChasedAt: NOW };
    const changes = [
      { ticket: read[0]!, patch: chase },
      { ticket: read[1]!, patch: chase },
      { ticket: read[2]!, patch: chase },
      { ticket: read[3]!, patch: { level: "community", handlingUnitId: "sq-xingfu", assigneeName: null, lastChasedAt: null } },
      { ticket: read[4]!, patch: { level: "community", handlingUnitId: "sq-xingfu", assigneeName: null, lastChasedAt: null } },
      { ticket: read[5]!, patch: { status: "closed", closedAt: NOW, rating: null } },
    ] as const;
    const claimed = await inTransaction(database.db, (tx) => claimAndPatchTickets(tx, changes, NOW));
    expect([...claimed].sort((a, b) => a - b)).toEqual([read[0]!.number, read[2]!.number, read[3]!.number, read[5]!.number]);

    const after = await ticketsByNumbers(
      database.db,
      read.map((ticket) => ticket.number),
    );
    expect(
      after.map(({ lastChasedAt, level, handlingUnitId, assigneeName, status, closedAt, updatedAt }) => ({
        lastChasedAt,
        level,
        handlingUnitId,
        assigneeName,
        status,
        closedAt,
        updatedAt,
      })),
    ).toEqual([
      { lastChasedAt: NOW, level: "estate", handlingUnitId: "xq-yangguang", assigneeName: null, status: "reported", closedAt: null, updatedAt: NOW },
      // Changed meanwhile: left as the other change made it.
      {
        lastChasedAt: null,
        level: "estate",
        handlingUnitId: "xq-yangguang",
        assigneeName: "王师傅",
        status: "reported",
        closedAt: null,
        updatedAt: new Date("2026-11-22T02:00:00Z"),
      },
      { lastChasedAt: NOW, level: "estate", handlingUnitId: "xq-yangguang", assigneeName: null, status: "reported", closedAt: null, updatedAt: NOW },
      { lastChasedAt: null, level: "community", handlingUnitId: "sq-xingfu", assigneeName: null, status: "reported", closedAt: null, updatedAt: NOW },
      {
        lastChasedAt: null,
        level: "estate",
        handlingUnitId: "xq-yangguang",
        assigneeName: "李师傅",
        status: "reported",
        closedAt: null,
        updatedAt: new Date("2026-11-22T02:00:00Z"),
      },
      { lastChasedAt: null, level: "estate", handlingUnitId: "xq-yangguang", assigneeName: null, status: "closed", closedAt: NOW, updatedAt: NOW },
    ]);
  });

  it("refuses a column a sweep may not set, before writing anything", async () => {
    const [ticket] = await tickets(1);
    await expect(inTransaction(database.db, (tx) => claimAndPatchTickets(tx, [{ ticket: ticket!, patch: { text: "改写" } as never }], NOW))).rejects.toThrow(
      /not a ticket column a sweep may set: text/,
    );
    expect((await ticketsByNumbers(database.db, [ticket!.number]))[0]).toMatchObject({ text: "1号楼楼道灯不亮了", updatedAt: READ_AT });
  });
});
