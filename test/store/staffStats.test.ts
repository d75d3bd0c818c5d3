import { execFile } from "node:child_process";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { EMPTY_STAFF_TALLY, RATING_SCORES, REVISIT_NOTE_PREFIX, type StaffTally } from "../../src/domain/staffFigures.ts";
import type { Rating } from "../../src/domain/types.ts";
import { staffTallies, type StaffTallyRow } from "../../src/store/staffStats.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

/**
 * The per-staff figures of a small seeded county, counted by the database (store/staffStats.ts), against the
 * same figures counted here from every ticket and event: for a county's year and month and a sub-district's.
 */
const run = promisify(execFile);
const now = new Date("2026-11-23T02:00:00Z");
const DAY = 86_400_000;
let database: TestDatabase;

beforeAll(async () => {
  database = await createTestDatabase({ seed: false });
  await run(process.execPath, ["--import", "tsx", "scripts/seed-county.ts", "--tickets", "3000", "--at", now.toISOString()], {
    env: { ...process.env, DATABASE_URL: database.url },
  });
  // The seed has no 回访 and each act once: add 回访 by the secretaries, repeated 派单 by the same and by
  // another member, a secretary's own 办结, and a resident's 评价 (a rating event with no 回访 note).
  const { db } = database;
  const tickets = await db.query.selectFrom("Ticket").select(["number", "unitId", "status", "rating", "createdAt"]).orderBy("number").execute();
  const extra: { ticketNumber: number; type: string; actorId: string | null; actorName: string; note: string | null; at: Date }[] = [];
  for (const ticket of tickets) {
    const community = ticket.unitId.split("-").slice(0, 3).join("-");
    const secretary = `lc-u-${community}-sec`;
    const at = new Date(new Date(ticket.createdAt).getTime() + 2 * DAY);
    if (ticket.number % 7 === 0)
      extra.push({ ticketNumber: ticket.number, type: "rated", actorId: secretary, actorName: "书记", note: `${REVISIT_NOTE_PREFIX}满意`, at });
    if (ticket.number % 11 === 0) extra.push({ ticketNumber: ticket.number, type: "assigned", actorId: secretary, actorName: "书记", note: "再派", at });
    if (ticket.number % 13 === 0) extra.push({ ticketNumber: ticket.number, type: "assigned", actorId: "lc-u-county-dept", actorName: "调度", note: null, at });
    if (ticket.number % 17 === 0) extra.push({ ticketNumber: ticket.number, type: "resolved", actorId: secretary, actorName: "书记", note: null, at });
    if (ticket.number % 19 === 0) extra.push({ ticketNumber: ticket.number, type: "rated", actorId: "lc-u-county-dept", actorName: "调度", note: "满意", at });
  }
  for (let i = 0; i < extra.length; i += 500) {
    await db.query
      .insertInto("TicketEvent")
      .values(extra.slice(i, i + 500).map((event) => ({ ...event, fromStatus: null, toStatus: null })))
      .execute();
  }
}, 120_000);
afterAll(async () => {
  await database.close();
});

/** The same figures, counted one ticket at a time from all the rows. */
async function countedHere(unitPrefix: string | null, from: Date, to: Date): Promise<Record<string, StaffTally>> {
  const { db } = database;
  const tickets = (
    await db.query.selectFrom("Ticket").select(["number", "unitId", "status", "rating", "createdAt", "assigneeId", "acceptDueAt", "resolveDueAt"]).execute()
  ).filter((ticket) => {
    const created = new Date(ticket.createdAt).getTime();
    const inUnit = unitPrefix === null || ticket.unitId === unitPrefix || ticket.unitId.startsWith(`${unitPrefix}-`);
    return inUnit && created >= from.getTime() && created < to.getTime();
  });
  const events = await db.query.selectFrom("TicketEvent").select(["ticketNumber", "type", "actorId", "note"]).execute();
  const eventsOf = new Map<number, typeof events>();
  for (const event of events) eventsOf.set(event.ticketNumber, [...(eventsOf.get(event.ticketNumber) ?? []), event]);
  const tallies: Record<string, StaffTally> = {};
  const tally = (memberId: string) => (tallies[memberId] ??= { ...EMPTY_STAFF_TALLY });
  for (const ticket of tickets) {
    const acts = eventsOf.get(ticket.number) ?? [];
    const actors = (test: (event: (typeof acts)[number]) => boolean) =>
      new Set(
        acts
          .filter(test)
          .map((event) => event.actorId)
          .filter((id) => id !== null),
      );
    for (const id of actors((event) => event.type === "assigned")) tally(id).assigned++;
    for (const id of actors((event) => event.type === "rated" && (event.note ?? "").startsWith(REVISIT_NOTE_PREFIX))) tally(id).revisited++;
    for (const id of actors((event) => event.type === "resolved")) {
      tally(id).resolved++;
      if (ticket.rating === null) continue;
      tally(id).rated++;
      tally(id).ratingScore += RATING_SCORES[ticket.rating as Rating];
      if (ticket.rating === "satisfied" || ticket.rating === "basically_satisfied") tally(id).satisfied++;
    }
  }
  // Only the staff who did something, then 超期 of the open tickets assigned to them.
  for (const ticket of tickets) {
    const open = ["reported", "accepted", "assigned"].includes(ticket.status);
    const late =
      (ticket.status === "reported" && new Date(ticket.acceptDueAt).getTime() < now.getTime()) || new Date(ticket.resolveDueAt).getTime() < now.getTime();
    if (ticket.assigneeId && open && late) tally(ticket.assigneeId).overdue++;
  }
  return tallies;
}

const byMember = (rows: StaffTallyRow[]) => Object.fromEntries(rows.map((row) => [row.memberId, row.tally]));

describe("per-staff figures on a small seeded county", () => {
  const year = { from: new Date(now.getTime() - 365 * DAY), to: now };
  const month = { from: new Date("2026-10-01T00:00:00+08:00"), to: new Date("2026-11-01T00:00:00+08:00") };
  it.each([
    ["the county's year", null, year],
    ["the county's month", null, month],
    ["a sub-district's year", "lc-sd3", year],
  ] as const)("match every ticket counted one by one: %s", async (_, unitPrefix, period) => {
    const { db } = database;
    const units = (await db.query.selectFrom("Unit").select("id").execute())
      .map((unit) => unit.id)
      .filter((id) => unitPrefix === null || id === unitPrefix || id.startsWith(`${unitPrefix}-`));
    const rows = await staffTallies(db, units, period.from, period.to, now);
    const expected = await countedHere(unitPrefix, period.from, period.to);
    expect(Object.keys(expected).length).toBeGreaterThan(3);
    expect(byMember(rows)).toEqual(expected);
    // Each member's name is today's, as the directory has it.
    const names = Object.fromEntries((await db.query.selectFrom("Member").select(["id", "name"]).execute()).map((member) => [member.id, member.name]));
    for (const row of rows) expect(row.name).toBe(names[row.memberId] ?? row.name);
  });
});
