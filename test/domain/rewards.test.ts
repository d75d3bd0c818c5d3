import fc from "fast-check";
import { describe, expect, it } from "vitest";
import type { TicketStatus } from "../../src/domain/types.ts";
import {
  exchangeRefusal,
  mayHandOver,
  matchItem,
  normalizePickupCode,
  pickupCode,
  PICKUP_ALPHABET,
  isPending,
  mayTakeBackReport,
  meetingPending,
  memberPoints,
  pointFigures,
  reportPending,
  spendablePoints,
  takeBackPoints,
  type ExchangeRequest,
  type SpendableEntry,
} from "../../src/domain/rewards.ts";

const monthOf = (at: Date) => at.toISOString().slice(0, 7);
const now = new Date("2026-11-20T00:00:00Z");
const rules = { monthlyAwardCap: 20, monthOf, now };
const at = (iso: string) => new Date(iso);
const entry = (points: number, kind: string, iso = "2026-11-10T00:00:00Z"): SpendableEntry => ({ points, kind, at: at(iso) });
const report = (points: number, status: TicketStatus, everResolved = false): SpendableEntry => ({
  ...entry(points, "report_accepted"),
  ticket: { status, everResolved },
});
const attended = (points: number, startsAt: string, status = "scheduled"): SpendableEntry => ({
  ...entry(points, "meeting_attended"),
  meeting: { status, startsAt: at(startsAt) },
});

describe("spendablePoints", () => {
  it("is the ledger's sum when every source is settled and nothing was awarded above the cap", () => {
    expect(spendablePoints([report(2, "resolved"), attended(3, "2026-11-12T11:00:00Z"), entry(15, "award"), entry(-10, "exchange")], rules)).toBe(10);
  });

  it("counts a month's awards only up to the cap, month by month", () => {
    const entries = [entry(20, "award"), entry(10, "award"), entry(15, "award", "2026-12-02T00:00:00Z")];
    expect(spendablePoints(entries, rules)).toBe(35);
  });

  it("leaves points taken back unspendable, and never goes below zero when they were spent before the pending rule", () => {
    expect(spendablePoints([report(2, "rejected"), entry(-2, "report_reversed")], rules)).toBe(0);
    expect(spendablePoints([attended(3, "2026-11-12T11:00:00Z", "cancelled"), entry(-3, "exchange"), entry(-3, "meeting_cancelled")], rules)).toBe(0);
  });

  it("gives back what a released or cancelled order held", () => {
    expect(spendablePoints([entry(10, "award"), entry(-10, "exchange"), entry(10, "exchange_released")], rules)).toBe(10);
  });
});

describe("pending points", () => {
  it("keeps a report's points pending while its ticket is open, and settles them once it is resolved, for good", () => {
    for (const status of ["reported", "accepted", "assigned"] as const) expect(reportPending({ status, everResolved: false })).toBe(true);
    for (const status of ["resolved", "closed", "rejected", "withdrawn"] as const) expect(reportPending({ status, everResolved: false })).toBe(false);
    // 不满意 reopened it: it was handled once, its points stay settled.
    expect(reportPending({ status: "assigned", everResolved: true })).toBe(false);
    expect(mayTakeBackReport(true)).toBe(false);
    expect(mayTakeBackReport(false)).toBe(true);
  });

  it("keeps 签到 points pending until the meeting starts (it can be cancelled until then)", () => {
    expect(meetingPending({ status: "scheduled", startsAt: at("2026-11-20T00:30:00Z") }, now)).toBe(true);
    expect(meetingPending({ status: "scheduled", startsAt: now }, now)).toBe(false);
    expect(meetingPending({ status: "cancelled", startsAt: at("2026-11-20T00:30:00Z") }, now)).toBe(false);
  });

  it("shows pending points apart from what may be spent", () => {
    const entries = [report(2, "accepted"), attended(3, "2026-11-21T11:00:00Z"), entry(5, "award"), report(2, "closed")];
    expect(memberPoints(entries, rules)).toEqual({ spendable: 7, pending: 5, balance: 12, overCap: 0 });
    expect(isPending(entries[0]!, now)).toBe(true);
    expect(isPending(entry(5, "award"), now)).toBe(false);
  });

  it("tells apart the awards above a month's cap, which are never spent", () => {
    const entries = [entry(15, "award"), entry(15, "award"), entry(2, "attended")];
    expect(memberPoints(entries, rules)).toEqual({ spendable: 22, pending: 0, balance: 32, overCap: 10 });
  });

  it("takes back no more than the ledger holds", () => {
    expect(takeBackPoints(5, 12)).toBe(5);
    expect(takeBackPoints(5, 3)).toBe(3);
    expect(takeBackPoints(5, 0)).toBe(0);
    expect(takeBackPoints(5, -4)).toBe(0);
  });

  it("never lets spendable exceed the settled points, nor go below zero (any valid ledger)", () => {
    const statuses = ["reported", "accepted", "assigned", "resolved", "closed"] as const;
    const source = fc.oneof(
      fc
        .record({ points: fc.integer({ min: 1, max: 10 }), status: fc.constantFrom(...statuses), everResolved: fc.boolean() })
        .map((r) => report(r.points, r.status, r.everResolved)),
      fc
        .record({ points: fc.integer({ min: 1, max: 10 }), hours: fc.integer({ min: -48, max: 48 }) })
        .map((r) => attended(r.points, new Date(now.getTime() + r.hours * 3_600_000).toISOString())),
      fc.integer({ min: 1, max: 30 }).map((points) => entry(points, "award")),
      fc.integer({ min: 1, max: 30 }).map((points) => entry(-points, "exchange")),
    );
    fc.assert(
      fc.property(fc.array(source, { maxLength: 40 }), (entries) => {
        const points = memberPoints(entries, rules);
        const settled = entries.filter((e) => !isPending(e, now)).reduce((sum, e) => sum + e.points, 0);
        return points.spendable >= 0 && points.spendable <= Math.max(0, settled) && points.pending >= 0 && points.balance === settled + points.pending;
      }),
    );
  });
});

describe("exchangeRefusal", () => {
  const now = at("2026-11-23T02:00:00Z");
  const request = (change: Partial<ExchangeRequest> = {}, item: Partial<ExchangeRequest["item"]> = {}): ExchangeRequest => ({
    quantity: 1,
    askerIsStaff: false,
    item: { price: 10, stock: 5, monthlyLimit: 2, activeFrom: null, activeUntil: null, retired: false, ...item },
    takenThisMonth: 0,
    spendable: 10,
    now,
    ...change,
  });

  it("lets a resident with the points take what is in stock, within the limit and the period", () => {
    expect(exchangeRefusal(request())).toBeNull();
    expect(exchangeRefusal(request({ takenThisMonth: 1 }))).toBeNull();
  });

  it("refuses, in order: staff, quantity, retired, period, stock, limit, balance", () => {
    expect(exchangeRefusal(request({ askerIsStaff: true }))).toBe("staff");
    expect(exchangeRefusal(request({ quantity: 0 }))).toBe("quantity");
    expect(exchangeRefusal(request({ quantity: 21 }))).toBe("quantity");
    expect(exchangeRefusal(request({}, { retired: true }))).toBe("retired");
    expect(exchangeRefusal(request({}, { activeFrom: at("2026-11-23T02:00:01Z") }))).toBe("notYet");
    expect(exchangeRefusal(request({}, { activeUntil: now }))).toBe("ended");
    expect(exchangeRefusal(request({ quantity: 6 }, { price: 1 }))).toBe("stock");
    expect(exchangeRefusal(request({ takenThisMonth: 2 }))).toBe("limit");
    expect(exchangeRefusal(request({ spendable: 9 }))).toBe("balance");
    expect(exchangeRefusal(request({ quantity: 2, spendable: 19 }))).toBe("balance");
  });
});

describe("pick-up codes", () => {
  it("are four characters that cannot be misread: no 0, O, 1 or I", () => {
    fc.assert(
      fc.property(fc.array(fc.double({ min: 0, max: 1, maxExcluded: true, noNaN: true }), { minLength: 4, maxLength: 4 }), (draws) => {
        let i = 0;
        const code = pickupCode(() => draws[i++]!);
        return code.length === 4 && !/[0O1I]/.test(code) && [...code].every((c) => PICKUP_ALPHABET.includes(c));
      }),
    );
  });

  it("are read as typed, in either case, with spaces or a dash", () => {
    expect(normalizePickupCode(" k7-px ")).toBe("K7PX");
    expect(normalizePickupCode("K7P")).toBeNull();
    expect(normalizePickupCode("KO1X")).toBeNull();
  });
});

describe("matchItem", () => {
  const items = [{ name: "大米（5斤）" }, { name: "大米（10斤）" }, { name: "免费理发" }, { name: "停车月卡" }];
  it("finds the same name, a part of it, or one alike; asks when several fit", () => {
    expect(matchItem("大米（5斤）", items)).toEqual({ kind: "one", item: items[0] });
    expect(matchItem("理发", items)).toEqual({ kind: "one", item: items[2] });
    expect(matchItem("停车月票", items)).toEqual({ kind: "one", item: items[3] });
    expect(matchItem("停车月 卡", items)).toEqual({ kind: "one", item: items[3] });
    expect(matchItem("大米", items)).toEqual({ kind: "several", items: [items[0], items[1]] });
    expect(matchItem("电视", items)).toEqual({ kind: "none" });
  });
});

describe("mayHandOver", () => {
  const estate = ["xq-yangguang", "sq-xingfu", "jd-chengguan", "xx-lanling"];
  it("lets staff between the order's estate and the item's unit hand it over, nobody above or elsewhere", () => {
    expect(mayHandOver(new Set(["xq-yangguang"]), estate, "sq-xingfu")).toBe(true);
    expect(mayHandOver(new Set(["sq-xingfu"]), estate, "sq-xingfu")).toBe(true);
    expect(mayHandOver(new Set(["jd-chengguan"]), estate, "sq-xingfu")).toBe(false);
    expect(mayHandOver(new Set(["xq-lijing"]), estate, "sq-xingfu")).toBe(false);
    expect(mayHandOver(new Set(["sq-xingfu"]), estate, "xq-lijing")).toBe(false);
  });
});

describe("pointFigures", () => {
  it("splits the ledger into earned, awarded, taken back, spent and outstanding", () => {
    expect(
      pointFigures(
        [
          { kind: "report_accepted", positive: 10, negative: 0 },
          { kind: "report_reversed", positive: 0, negative: -2 },
          { kind: "award", positive: 15, negative: 0 },
          { kind: "exchange", positive: 0, negative: -20 },
          { kind: "exchange_released", positive: 5, negative: 0 },
        ],
        3,
      ),
    ).toEqual({ earned: 10, awarded: 15, takenBack: 2, spent: 15, outstanding: 8, pending: 3 });
  });
});
