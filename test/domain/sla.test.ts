import { describe, expect, it } from "vitest";
import { DEFAULT_POLICY, applyPolicyOverride } from "../../src/domain/policy.ts";
import { slaActionFor, type SlaTicket } from "../../src/domain/sla.ts";

const now = new Date("2026-11-25T02:00:00Z");
const hoursAgo = (h: number) => new Date(now.getTime() - h * 3_600_000);
const hoursAhead = (h: number) => new Date(now.getTime() + h * 3_600_000);
const base: SlaTicket = {
  status: "reported",
  colour: "yellow",
  acceptDueAt: hoursAhead(1),
  resolveDueAt: hoursAhead(10),
  resolvedAt: null,
  lastChasedAt: null,
  ratingRemindedAt: null,
};
const act = (ticket: Partial<SlaTicket>, top = false) => slaActionFor({ ...base, ...ticket }, now, DEFAULT_POLICY, top)?.type ?? null;

describe("the SLA rules", () => {
  it("leave a ticket within its deadlines alone", () => {
    expect(act({})).toBeNull();
  });

  it("chase overdue acceptance, then again only after the colour's interval", () => {
    expect(act({ acceptDueAt: hoursAgo(1) })).toBe("chaseAcceptance");
    expect(act({ acceptDueAt: hoursAgo(5), lastChasedAt: hoursAgo(3) })).toBeNull();
    expect(act({ acceptDueAt: hoursAgo(5), lastChasedAt: hoursAgo(4) })).toBe("chaseAcceptance");
    expect(act({ colour: "red", acceptDueAt: hoursAgo(2), lastChasedAt: hoursAgo(1) })).toBe("chaseAcceptance");
    expect(act({ colour: "blue", acceptDueAt: hoursAgo(9), lastChasedAt: hoursAgo(7) })).toBeNull();
  });

  it("do not chase acceptance once accepted", () => {
    expect(act({ status: "accepted", acceptDueAt: hoursAgo(1) })).toBeNull();
  });

  it("escalate overdue resolution below the top, whatever the state of acceptance", () => {
    for (const status of ["reported", "accepted", "assigned"] as const) {
      expect(act({ status, acceptDueAt: hoursAgo(50), resolveDueAt: hoursAgo(1) })).toBe("escalate");
    }
  });

  it("chase overdue resolution daily at the top level", () => {
    expect(act({ resolveDueAt: hoursAgo(1) }, true)).toBe("chaseResolution");
    expect(act({ resolveDueAt: hoursAgo(30), lastChasedAt: hoursAgo(23) }, true)).toBeNull();
    expect(act({ resolveDueAt: hoursAgo(30), lastChasedAt: hoursAgo(24) }, true)).toBe("chaseResolution");
  });

  it("remind once a day after resolution, and close unrated after three days", () => {
    const resolved = { status: "resolved" as const, acceptDueAt: hoursAgo(100), resolveDueAt: hoursAgo(90) };
    expect(act({ ...resolved, resolvedAt: hoursAgo(23) })).toBeNull();
    expect(act({ ...resolved, resolvedAt: hoursAgo(24) })).toBe("remindRating");
    expect(act({ ...resolved, resolvedAt: hoursAgo(30), ratingRemindedAt: hoursAgo(6) })).toBeNull();
    expect(act({ ...resolved, resolvedAt: hoursAgo(72), ratingRemindedAt: hoursAgo(48) })).toBe("autoClose");
  });

  it("leave closed, rejected and withdrawn tickets alone", () => {
    for (const status of ["closed", "rejected", "withdrawn"] as const) {
      expect(act({ status, acceptDueAt: hoursAgo(100), resolveDueAt: hoursAgo(90), resolvedAt: hoursAgo(80) })).toBeNull();
    }
  });

  it("follow a policy override", () => {
    const policy = applyPolicyOverride({ colours: { yellow: { chaseEveryHours: 1 } }, satisfaction: { autoCloseAfterHours: 48 } });
    expect(slaActionFor({ ...base, acceptDueAt: hoursAgo(5), lastChasedAt: hoursAgo(1) }, now, policy, false)?.type).toBe("chaseAcceptance");
    expect(slaActionFor({ ...base, status: "resolved", resolvedAt: hoursAgo(48), ratingRemindedAt: hoursAgo(2) }, now, policy, false)?.type).toBe("autoClose");
    expect(() => applyPolicyOverride({ colours: { purple: {} } })).toThrow();
    expect(() => applyPolicyOverride({ colours: { red: { resolveWithinHours: -1 } } })).toThrow();
  });
});
