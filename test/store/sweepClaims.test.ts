import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Level } from "../../src/domain/types.ts";
import { inTransaction } from "../../src/store/database.ts";
import { claimAndPatchTickets, ticketsByNumbers } from "../../src/store/sweep.ts";
import { applyTicketPatch, createTicket, type TicketRecord } from "../../src/store/tickets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

const NOW = new Date("2026-11-23T02:00:00Z");
const READ_AT = new Date("2026-11-20T02:00:00Z");
const CHANGED_AT = new Date("2026-11-22T02:00:00Z");
const DUE_1 = new Date("2026-11-26T10:00:00Z");
const DUE_2 = new Date("2026-11-27T10:00:00Z");

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
    const read = await tickets(8);
    // Someone acted on #2, #5 and #8 after the sweep read them.
    await inTransaction(database.db, async (tx) => {
      for (const [i, name] of [
        [1, "王师傅"],
        [4, "李师傅"],
        [7, "赵师傅"],
      ] as const) {
        await applyTicketPatch(tx, read[i]!.number, { assigneeName: name }, [], CHANGED_AT);
      }
    });
    const chase = { lastChasedAt: NOW };
    // Escalations set the same columns to each ticket's own values (its target unit, deadlines and department).
    const escalation = (handlingUnitId: string, level: Level, resolveDueAt: Date, suggestedDepartment: string | null) => ({
      status: "reported" as const,
      level,
      handlingUnitId,
      assigneeName: null,
      resolveDueAt,
      lastChasedAt: null,
      suggestedDepartment,
    });
    const changes = [
      { ticket: read[0]!, patch: chase },
      { ticket: read[1]!, patch: chase },
      { ticket: read[2]!, patch: chase },
      { ticket: read[3]!, patch: escalation("sq-xingfu", "community", DUE_1, null) },
      { ticket: read[4]!, patch: escalation("sq-xingfu", "community", DUE_1, null) },
      { ticket: read[5]!, patch: { status: "closed", closedAt: NOW, rating: null } },
      { ticket: read[6]!, patch: escalation("jd-chengguan", "subdistrict", DUE_2, "城乡建设") },
      { ticket: read[7]!, patch: escalation("xx-lanling", "county", DUE_2, "市场监管") },
    ] as const;
    const claimed = await inTransaction(database.db, (tx) => claimAndPatchTickets(tx, changes, NOW));
    expect([...claimed].sort((a, b) => a - b)).toEqual([0, 2, 3, 5, 6].map((i) => read[i]!.number));

    const after = await ticketsByNumbers(
      database.db,
      read.map((ticket) => ticket.number),
    );
    const columns = ({ lastChasedAt, level, handlingUnitId, assigneeName, status, closedAt, resolveDueAt, suggestedDepartment, updatedAt }: TicketRecord) => ({
      lastChasedAt,
      level,
      handlingUnitId,
      assigneeName,
      status,
      closedAt,
      resolveDueAt,
      suggestedDepartment,
      updatedAt,
    });
    const asRead = { ...columns(read[0]!), updatedAt: READ_AT };
    expect(after.map(columns)).toEqual([
      { ...asRead, lastChasedAt: NOW, updatedAt: NOW },
      // Changed meanwhile: left as the other change made it.
      { ...asRead, assigneeName: "王师傅", updatedAt: CHANGED_AT },
      { ...asRead, lastChasedAt: NOW, updatedAt: NOW },
      { ...asRead, level: "community", handlingUnitId: "sq-xingfu", resolveDueAt: DUE_1, updatedAt: NOW },
      { ...asRead, assigneeName: "李师傅", updatedAt: CHANGED_AT },
      { ...asRead, status: "closed", closedAt: NOW, updatedAt: NOW },
      { ...asRead, level: "subdistrict", handlingUnitId: "jd-chengguan", resolveDueAt: DUE_2, suggestedDepartment: "城乡建设", updatedAt: NOW },
      { ...asRead, assigneeName: "赵师傅", updatedAt: CHANGED_AT },
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
