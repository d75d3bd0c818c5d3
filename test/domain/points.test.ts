import { describe, expect, it } from "vitest";
import { awardRefusal, type AwardRequest } from "../../src/domain/points.ts";

const request = (change: Partial<AwardRequest> = {}): AwardRequest => ({
  points: 5,
  maxAward: 20,
  monthlyCap: 20,
  awardedThisMonth: 0,
  self: false,
  giverIsPropertyCompany: false,
  targetIsStaff: false,
  ...change,
});

describe("awards by staff (积分 奖励)", () => {
  it("are given to a resident within the per-award and monthly limits", () => {
    expect(awardRefusal(request())).toBeNull();
    expect(awardRefusal(request({ points: 5, awardedThisMonth: 15 }))).toBeNull();
  });

  it("are refused past the monthly cap, to staff, by the property company, to oneself, or out of range", () => {
    expect(awardRefusal(request({ points: 6, awardedThisMonth: 15 }))).toBe("monthlyCap");
    expect(awardRefusal(request({ targetIsStaff: true }))).toBe("staffTarget");
    expect(awardRefusal(request({ giverIsPropertyCompany: true }))).toBe("property");
    expect(awardRefusal(request({ self: true }))).toBe("self");
    expect(awardRefusal(request({ points: 21 }))).toBe("range");
    expect(awardRefusal(request({ points: 0 }))).toBe("range");
  });
});
