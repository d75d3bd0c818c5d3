import fc from "fast-check";
import { describe, expect, it } from "vitest";
import {
  exchangeRefusal,
  mayHandOver,
  matchItem,
  normalizePickupCode,
  pickupCode,
  PICKUP_ALPHABET,
  pointFigures,
  spendablePoints,
  type ExchangeRequest,
  type SpendableEntry,
} from "../../src/domain/rewards.ts";

const monthOf = (at: Date) => at.toISOString().slice(0, 7);
const rules = { monthlyAwardCap: 20, monthOf };
const at = (iso: string) => new Date(iso);
const entry = (points: number, kind: string, iso = "2026-11-10T00:00:00Z"): SpendableEntry => ({ points, kind, at: at(iso) });

describe("spendablePoints", () => {
  it("is the ledger's sum when nothing was awarded above the cap", () => {
    expect(spendablePoints([entry(2, "report_accepted"), entry(3, "meeting_attended"), entry(15, "award"), entry(-10, "exchange")], rules)).toBe(10);
  });

  it("counts a month's awards only up to the cap, month by month", () => {
    const entries = [entry(20, "award"), entry(10, "award"), entry(15, "award", "2026-12-02T00:00:00Z")];
    expect(spendablePoints(entries, rules)).toBe(35);
  });

  it("leaves points taken back unspendable, and never goes below zero when they were spent before", () => {
    expect(spendablePoints([entry(2, "report_accepted"), entry(-2, "report_reversed")], rules)).toBe(0);
    expect(spendablePoints([entry(3, "meeting_attended"), entry(-3, "exchange"), entry(-3, "meeting_cancelled")], rules)).toBe(0);
  });

  it("gives back what a released or cancelled order held", () => {
    expect(spendablePoints([entry(10, "award"), entry(-10, "exchange"), entry(10, "exchange_released")], rules)).toBe(10);
  });

  it("is never more than the balance, nor below zero (any ledger)", () => {
    const kinds = ["report_accepted", "report_reversed", "meeting_attended", "meeting_cancelled", "award", "exchange", "exchange_released"];
    const ledger = fc.array(
      fc.record({
        points: fc.integer({ min: -30, max: 30 }),
        kind: fc.constantFrom(...kinds),
        at: fc.date({ min: at("2026-01-01T00:00:00Z"), max: at("2026-12-31T00:00:00Z"), noInvalidDate: true }),
      }),
      { maxLength: 40 },
    );
    fc.assert(
      fc.property(ledger, (entries) => {
        const spendable = spendablePoints(entries, rules);
        const balance = entries.reduce((sum, e) => sum + e.points, 0);
        return spendable >= 0 && spendable <= Math.max(0, balance);
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
      pointFigures([
        { kind: "report_accepted", positive: 10, negative: 0 },
        { kind: "report_reversed", positive: 0, negative: -2 },
        { kind: "award", positive: 15, negative: 0 },
        { kind: "exchange", positive: 0, negative: -20 },
        { kind: "exchange_released", positive: 5, negative: 0 },
      ]),
    ).toEqual({ earned: 10, awarded: 15, takenBack: 2, spent: 15, outstanding: 8 });
  });
});
