import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createBot } from "../../src/app.ts";
import { loadConfig } from "../../src/config.ts";
import { tallyOf, talliesBy, type StatTicket } from "../../src/domain/stats.ts";
import { loadServiceScope } from "../../src/features/context.ts";
import { unitStats } from "../../src/features/stats/stats.ts";
import { createLogger } from "../../src/logger.ts";
import type { Database } from "../../src/store/database.ts";
import { seedCounty } from "../../src/store/seedCounty.ts";
import { ticketTallies } from "../../src/store/ticketStats.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";
import { tables } from "../helpers/tables.ts";

const z = (iso: string) => new Date(`${iso}Z`);
/** November 2026 in Shanghai. */
const period = { from: z("2026-10-31T16:00:00"), to: z("2026-11-30T16:00:00"), label: "2026年11月" };
const now = z("2026-11-20T00:00:00");
let database: TestDatabase;

beforeEach(async () => {
  database = await createTestDatabase({ seed: false });
});
afterEach(async () => {
  await database.close();
});

async function statsOf(db: Database, unitId: string) {
  const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), db, createLogger("silent"), "unused-admin-token-0123456789", () => now);
  return unitStats(db, await loadServiceScope(db, bot.deps.settings, now), unitId, period);
}

interface Seeded extends Partial<StatTicket> {
  unitId: string;
  category: string;
  colour: string;
  status: StatTicket["status"];
  createdAt: Date;
  acceptDueAt: Date;
  resolveDueAt: Date;
}

/** A small county: 县 → 街道 → 社区 m1 (小区 e1, e2) and 社区 m2 (小区 e3). */
async function seedSmallCounty(db: Database, tickets: Seeded[]) {
  for (const [id, level, parentId] of [
    ["c", "county", null],
    ["s", "subdistrict", "c"],
    ["m1", "community", "s"],
    ["m2", "community", "s"],
    ["e1", "estate", "m1"],
    ["e2", "estate", "m1"],
    ["e3", "estate", "m2"],
  ] as const) {
    await tables(db).unit.create({ data: { id, name: `单位${id}`, level, parentId } });
  }
  for (const ticket of tickets) {
    await tables(db).ticket.create({
      data: {
        groupId: `g-${ticket.unitId}`,
        handlingUnitId: ticket.unitId,
        level: "estate",
        reporterId: "u-resident",
        text: "有问题",
        updatedAt: ticket.createdAt,
        ...ticket,
      },
    });
  }
}

// Times are UTC; "now" is 2026-11-20 00:00. Hours to accept and to resolve are noted per ticket.
const TICKETS: Seeded[] = [
  // #1 e1: reported at the very start of the period; accepted in 2 h, fixed in 24 h, both on time; 满意.
  {
    unitId: "e1",
    category: "repair",
    colour: "yellow",
    status: "closed",
    outcome: "fixed",
    rating: "satisfied",
    createdAt: z("2026-10-31T16:00:00"),
    acceptDueAt: z("2026-11-01T16:00:00"),
    resolveDueAt: z("2026-11-03T16:00:00"),
    acceptedAt: z("2026-10-31T18:00:00"),
    resolvedAt: z("2026-11-01T16:00:00"),
    closedAt: z("2026-11-01T17:00:00"),
  },
  // #2 e1: accepted late (30 h), resolved late (72 h) as 无法解决; 不满意.
  {
    unitId: "e1",
    category: "repair",
    colour: "blue",
    status: "closed",
    outcome: "cannot_fix",
    rating: "unsatisfied",
    createdAt: z("2026-11-04T00:00:00"),
    acceptDueAt: z("2026-11-05T00:00:00"),
    resolveDueAt: z("2026-11-06T00:00:00"),
    acceptedAt: z("2026-11-05T06:00:00"),
    resolvedAt: z("2026-11-07T00:00:00"),
    closedAt: z("2026-11-07T02:00:00"),
  },
  // #3 e2: never accepted, past both deadlines.
  {
    unitId: "e2",
    category: "parking",
    colour: "blue",
    status: "reported",
    createdAt: z("2026-11-10T00:00:00"),
    acceptDueAt: z("2026-11-11T00:00:00"),
    resolveDueAt: z("2026-11-17T00:00:00"),
  },
  // #4 e2: 不予受理 within its acceptance deadline (answered on time, never resolved).
  {
    unitId: "e2",
    category: "repair",
    colour: "red",
    status: "rejected",
    createdAt: z("2026-11-12T00:00:00"),
    acceptDueAt: z("2026-11-12T01:00:00"),
    resolveDueAt: z("2026-11-12T04:00:00"),
    closedAt: z("2026-11-12T00:30:00"),
  },
  // #5 e3: withdrawn: in the total only.
  {
    unitId: "e3",
    category: "noise",
    colour: "yellow",
    status: "withdrawn",
    createdAt: z("2026-11-15T00:00:00"),
    acceptDueAt: z("2026-11-16T00:00:00"),
    resolveDueAt: z("2026-11-18T00:00:00"),
    closedAt: z("2026-11-15T01:00:00"),
  },
  // #6 e3: accepted in 4 h, in hand, resolution not due yet.
  {
    unitId: "e3",
    category: "parking",
    colour: "yellow",
    status: "assigned",
    createdAt: z("2026-11-18T00:00:00"),
    acceptDueAt: z("2026-11-19T00:00:00"),
    resolveDueAt: z("2026-11-21T00:00:00"),
    acceptedAt: z("2026-11-18T04:00:00"),
  },
  // #7 e1: accepted in 12 h, resolved (fixed) exactly at its deadline after 72 h, not rated yet.
  {
    unitId: "e1",
    category: "noise",
    colour: "blue",
    status: "resolved",
    outcome: "fixed",
    createdAt: z("2026-11-16T00:00:00"),
    acceptDueAt: z("2026-11-17T00:00:00"),
    resolveDueAt: z("2026-11-19T00:00:00"),
    acceptedAt: z("2026-11-16T12:00:00"),
    resolvedAt: z("2026-11-19T00:00:00"),
  },
  // #8 e1: reported at the very end of the period: not in it.
  {
    unitId: "e1",
    category: "repair",
    colour: "red",
    status: "reported",
    createdAt: z("2026-11-30T16:00:00"),
    acceptDueAt: z("2026-11-30T17:00:00"),
    resolveDueAt: z("2026-11-30T20:00:00"),
  },
  // #9 e2: reported last night, its deadlines still ahead.
  {
    unitId: "e2",
    category: "parking",
    colour: "blue",
    status: "reported",
    createdAt: z("2026-11-19T12:00:00"),
    acceptDueAt: z("2026-11-20T12:00:00"),
    resolveDueAt: z("2026-11-26T12:00:00"),
  },
  // #10 e3: accepted in 1 h, fixed in 20 h, both on time; 基本满意.
  {
    unitId: "e3",
    category: "repair",
    colour: "orange",
    status: "closed",
    outcome: "fixed",
    rating: "basically_satisfied",
    createdAt: z("2026-11-05T00:00:00"),
    acceptDueAt: z("2026-11-06T00:00:00"),
    resolveDueAt: z("2026-11-06T00:00:00"),
    acceptedAt: z("2026-11-05T01:00:00"),
    resolvedAt: z("2026-11-05T20:00:00"),
    closedAt: z("2026-11-06T00:00:00"),
  },
];

describe("statistics counted by the database, on a small county worked out by hand", () => {
  it("give the county's figures", async () => {
    await seedSmallCounty(database.db, TICKETS);
    const report = await statsOf(database.db, "c");
    // In the period: #1–#7, #9, #10 (9). Handled (not rejected or withdrawn): #1 #2 #3 #6 #7 #9 #10 (7).
    expect(report.figures).toMatchObject({ total: 9, awaitingAcceptance: 2, accepted: 5, open: 3, resolved: 4, fixed: 3, rejected: 1, withdrawn: 1 });
    // Due for acceptance: all but #5 (withdrawn) and #9 (not due) = 7; on time: #1 #4 #6 #7 #10 = 5.
    expect(report.figures.acceptedOnTime).toEqual({ numerator: 5, denominator: 7, rate: 5 / 7 });
    // Due for resolution: #1 #2 #3 #7 #10 = 5 (#6 and #9 not yet); on time: #1, #7 (exactly at it), #10 = 3.
    expect(report.figures.resolvedOnTime).toEqual({ numerator: 3, denominator: 5, rate: 0.6 });
    // Resolved #1 #2 #7 #10 of 7 handled; fixed #1 #7 #10 (#2 无法解决).
    expect(report.figures.resolutionRate).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
    expect(report.figures.fixRate).toEqual({ numerator: 3, denominator: 7, rate: 3 / 7 });
    // Rated #1 满意, #2 不满意, #10 基本满意.
    expect(report.figures.satisfaction).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
    // Accepted: 2 + 30 + 4 + 12 + 1 = 49 h over 5; resolved: 24 + 72 + 72 + 20 = 188 h over 4.
    expect(report.figures.averageHoursToAccept).toBeCloseTo(9.8, 12);
    expect(report.figures.averageHoursToResolve).toBe(47);
  });

  it("break them down by estate, community, category and colour, in first-reported order", async () => {
    await seedSmallCounty(database.db, TICKETS);
    const report = await statsOf(database.db, "c");
    const byEstate = Object.fromEntries(report.byEstate.map((row) => [row.unitId, row.figures]));
    expect(report.byEstate.map((row) => row.unitId)).toEqual(["e1", "e2", "e3"]);
    expect(report.byEstate[0]!.name).toBe("单位e1");
    // e1: #1 #2 #7.
    expect(byEstate.e1).toMatchObject({
      total: 3,
      resolved: 3,
      fixed: 2,
      open: 0,
      averageHoursToAccept: expect.closeTo(44 / 3, 10),
      averageHoursToResolve: 56,
    });
    expect(byEstate.e1!.acceptedOnTime).toMatchObject({ numerator: 2, denominator: 3 });
    expect(byEstate.e1!.resolvedOnTime).toMatchObject({ numerator: 2, denominator: 3 });
    expect(byEstate.e1!.satisfaction).toMatchObject({ numerator: 1, denominator: 2 });
    // e2: #3 #4 #9: nothing accepted or resolved; #4 answered on time, #3 not, #9 not due.
    expect(byEstate.e2).toMatchObject({ total: 3, awaitingAcceptance: 2, rejected: 1, open: 2, resolved: 0, averageHoursToAccept: null });
    expect(byEstate.e2!.acceptedOnTime).toMatchObject({ numerator: 1, denominator: 2 });
    expect(byEstate.e2!.resolutionRate).toEqual({ numerator: 0, denominator: 2, rate: 0 });
    expect(byEstate.e2!.satisfaction.rate).toBeNull();
    // e3: #5 #6 #10.
    expect(byEstate.e3).toMatchObject({ total: 3, withdrawn: 1, open: 1, resolved: 1, averageHoursToAccept: 2.5, averageHoursToResolve: 20 });
    expect(byEstate.e3!.acceptedOnTime).toMatchObject({ numerator: 2, denominator: 2 });
    expect(byEstate.e3!.resolvedOnTime).toMatchObject({ numerator: 1, denominator: 1 });

    expect(report.byCommunity.map((row) => [row.unitId, row.figures.total, row.figures.resolved])).toEqual([
      ["m1", 6, 3],
      ["m2", 3, 1],
    ]);
    expect(report.byCategory.map((row) => [row.category, row.figures.total])).toEqual([
      ["repair", 4],
      ["parking", 3],
      ["noise", 2],
    ]);
    expect(report.byColour.map((row) => [row.colour, row.figures.total])).toEqual([
      ["yellow", 3],
      ["blue", 4],
      ["red", 1],
      ["orange", 1],
    ]);
  });

  it("count only the asked unit's subtree", async () => {
    await seedSmallCounty(database.db, TICKETS);
    const report = await statsOf(database.db, "m2");
    expect(report.figures).toMatchObject({ total: 3, withdrawn: 1, resolved: 1 });
    expect(report.byEstate.map((row) => row.unitId)).toEqual(["e3"]);
    expect((await statsOf(database.db, "e2")).figures.total).toBe(3);
  });

  it("count nothing in an empty period", async () => {
    await seedSmallCounty(database.db, TICKETS);
    const bot = createBot(loadConfig({ LOG_LEVEL: "silent" }), database.db, createLogger("silent"), "unused-admin-token-0123456789", () => now);
    const scope = await loadServiceScope(database.db, bot.deps.settings, now);
    const report = await unitStats(database.db, scope, "c", { from: z("2025-01-01T00:00:00"), to: z("2025-02-01T00:00:00"), label: "2025年1月" });
    expect(report.figures).toMatchObject({ total: 0, averageHoursToAccept: null, satisfaction: { rate: null } });
    expect(report.byEstate).toEqual([]);
  });

  it("equal the rules' own count, ticket by ticket, on a seeded county", async () => {
    const seededAt = z("2026-11-23T02:00:00");
    await seedCounty(database.url, 2000, seededAt);
    const from = z("2026-09-30T16:00:00");
    const to = z("2026-11-30T16:00:00");
    const unitIds = (await tables(database.db).unit.findMany({ select: { id: true } })).map((unit) => unit.id);
    const rows = await tables(database.db).ticket.findMany({ where: { createdAt: { gte: from, lt: to } }, orderBy: { number: "asc" } });
    expect(rows.length).toBeGreaterThan(200);
    const counted = await ticketTallies(database.db, unitIds, from, to, seededAt);
    const tally = (row: (typeof rows)[number]) => tallyOf(row as unknown as StatTicket, seededAt);
    for (const [dimension, keyOf] of [
      ["byUnit", (row: (typeof rows)[number]) => row.unitId],
      ["byCategory", (row: (typeof rows)[number]) => row.category],
      ["byColour", (row: (typeof rows)[number]) => row.colour],
    ] as const) {
      const expected = talliesBy(rows, keyOf, tally);
      expect(counted[dimension].map((row) => row.key)).toEqual([...expected.keys()]);
      expect(Object.fromEntries(counted[dimension].map((row) => [row.key, row.tally]))).toEqual(Object.fromEntries(expected));
    }
  }, 60_000);
});
