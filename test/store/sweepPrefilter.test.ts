import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { applyPolicyOverride } from "../../src/domain/policy.ts";
import { slaActionFor, sweepWindow } from "../../src/domain/sla.ts";
import { COLOURS, TICKET_STATUSES } from "../../src/domain/types.ts";
import { inTransaction } from "../../src/store/database.ts";
import { ticketNumbersDueForSweep, ticketsByNumbers } from "../../src/store/sweep.ts";
import { applyTicketPatch, createTicket } from "../../src/store/tickets.ts";
import { createTestDatabase, type TestDatabase } from "../helpers/testDatabase.ts";

const HOUR = 3_600_000;
const NOW = new Date("2026-11-23T02:00:00Z");

let database: TestDatabase;
beforeAll(async () => {
  database = await createTestDatabase();
});
afterAll(async () => {
  await database.close();
});

/** Hours a policy may say: whole and half hours, as a POLICY_FILE would write them. */
const policyHours = fc.integer({ min: 1, max: 200 }).map((halves) => halves / 2);
const policyParts = fc.record({
  remindAfterHours: policyHours,
  autoCloseAfterHours: policyHours,
  topLevelChaseEveryHours: policyHours,
  chaseEveryHours: fc.record({ red: policyHours, orange: policyHours, yellow: policyHours, blue: policyHours }),
});
type PolicyParts = typeof policyParts extends fc.Arbitrary<infer T> ? T : never;

/**
 * An instant around NOW: on a half-hour grid, or exactly one of the policy's own boundaries (NOW less one of
 * its intervals), sometimes a millisecond either side: the rule's edges are met often, not by luck.
 */
function instantAround(parts: PolicyParts): fc.Arbitrary<Date> {
  const boundaries = [0, parts.remindAfterHours, parts.autoCloseAfterHours, parts.topLevelChaseEveryHours, ...Object.values(parts.chaseEveryHours)];
  const hoursBack = fc.oneof(
    fc.integer({ min: -400, max: 400 }).map((halves) => halves / 2),
    fc.constantFrom(...boundaries),
  );
  return fc.tuple(hoursBack, fc.constantFrom(-1, 0, 1)).map(([hours, ms]) => new Date(NOW.getTime() - hours * HOUR + ms));
}

function ticketsUnder(parts: PolicyParts) {
  const instant = instantAround(parts);
  const maybeInstant = fc.option(instant, { nil: null, freq: 1 });
  const ticket = fc.record({
    status: fc.constantFrom(...TICKET_STATUSES),
    colour: fc.constantFrom(...COLOURS),
    acceptDueAt: instant,
    resolveDueAt: instant,
    resolvedAt: maybeInstant,
    lastChasedAt: maybeInstant,
    ratingRemindedAt: maybeInstant,
    markedForMeetingAt: maybeInstant,
  });
  return fc.array(ticket, { minLength: 1, maxLength: 6 });
}

/** A random policy (applied as a POLICY_FILE is) and tickets whose instants meet its edges. */
const policyAndTickets = policyParts.chain((parts) =>
  ticketsUnder(parts).map((tickets) => ({
    policy: applyPolicyOverride({
      topLevelChaseEveryHours: parts.topLevelChaseEveryHours,
      satisfaction: { remindAfterHours: parts.remindAfterHours, autoCloseAfterHours: parts.autoCloseAfterHours },
      colours: Object.fromEntries(COLOURS.map((colour) => [colour, { chaseEveryHours: parts.chaseEveryHours[colour] }])),
    }),
    tickets,
  })),
);

describe("the SLA sweep's prefilter", () => {
  it("reads every ticket domain/sla.ts would act on, whatever the policy", async () => {
    await fc.assert(
      fc.asyncProperty(policyAndTickets, fc.boolean(), async ({ policy, tickets: drafts }, atTopLevel) => {
        const numbers = await inTransaction(database.db, async (tx) => {
          const created: number[] = [];
          for (const draft of drafts) {
            const { status, resolvedAt, lastChasedAt, ratingRemindedAt, markedForMeetingAt, ...fresh } = draft;
            const ticket = await createTicket(
              tx,
              {
                ...fresh,
                groupId: "g-yangguang",
                unitId: "xq-yangguang",
                handlingUnitId: "xq-yangguang",
                level: "estate",
                reporterId: "u-zhang",
                text: "3号楼楼道灯不亮了",
                category: "facility",
                building: null,
                unitNo: null,
                room: null,
                locationText: null,
                createdAt: new Date(NOW.getTime() - 30 * 24 * HOUR),
              },
              [],
            );
            await applyTicketPatch(tx, ticket.number, { status, resolvedAt, lastChasedAt, ratingRemindedAt, markedForMeetingAt }, [], NOW);
            created.push(ticket.number);
          }
          return created;
        });
        const window = sweepWindow(policy, NOW);
        const candidates = new Set(await ticketNumbersDueForSweep(database.db, window.now, window.resolvedBefore));
        for (const stored of await ticketsByNumbers(database.db, numbers)) {
          const action = slaActionFor(stored, NOW, policy, atTopLevel);
          if (action) expect(candidates, `#${stored.number} (${stored.status}) is due for ${action.type}`).toContain(stored.number);
        }
      }),
      { numRuns: 200 },
    );
    // Some 5,000 statements one after another: past the default 20 s on PostgreSQL on a busy 2-core machine.
  }, 120_000);

  it("is no copy of the rule: a policy that reminds sooner widens what it reads", async () => {
    const resolvedAt = new Date(NOW.getTime() - 10 * HOUR);
    const number = await inTransaction(database.db, async (tx) => {
      const ticket = await createTicket(
        tx,
        {
          groupId: "g-yangguang",
          unitId: "xq-yangguang",
          handlingUnitId: "xq-yangguang",
          level: "estate",
          reporterId: "u-zhang",
          text: "东门道闸坏了",
          category: "facility",
          colour: "yellow",
          building: null,
          unitNo: null,
          room: null,
          locationText: null,
          acceptDueAt: resolvedAt,
          resolveDueAt: resolvedAt,
          createdAt: resolvedAt,
        },
        [],
      );
      await applyTicketPatch(tx, ticket.number, { status: "resolved", resolvedAt }, [], NOW);
      return ticket.number;
    });
    const read = async (policy: ReturnType<typeof applyPolicyOverride>) => {
      const window = sweepWindow(policy, NOW);
      return ticketNumbersDueForSweep(database.db, window.now, window.resolvedBefore);
    };
    // The default reminds a day after resolution: ten hours on, nothing can be due yet.
    expect(await read(applyPolicyOverride({}))).not.toContain(number);
    // The one change a deployment makes, in its policy file: remind after eight hours.
    const sooner = applyPolicyOverride({ satisfaction: { remindAfterHours: 8 } });
    expect(await read(sooner)).toContain(number);
    const [stored] = await ticketsByNumbers(database.db, [number]);
    expect(slaActionFor(stored!, NOW, sooner, false)).toEqual({ type: "remindRating" });
  });
});
