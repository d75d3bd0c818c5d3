import { describe, expect, it } from "vitest";
import { parsePeriod } from "../../src/domain/periods.ts";
import { computeFigures, type StatTicket } from "../../src/domain/stats.ts";

const zone = "Asia/Shanghai";
const at = (iso: string) => new Date(`${iso}+08:00`);

describe("periods", () => {
  const now = at("2026-11-25T10:00:00"); // a Wednesday
  it.each([
    ["今天", "2026-11-25T00:00:00", "2026-11-26T00:00:00"],
    ["本周", "2026-11-23T00:00:00", "2026-11-30T00:00:00"],
    ["上周", "2026-11-16T00:00:00", "2026-11-23T00:00:00"],
    ["本月", "2026-11-01T00:00:00", "2026-12-01T00:00:00"],
    ["上月", "2026-10-01T00:00:00", "2026-11-01T00:00:00"],
    ["2026-02", "2026-02-01T00:00:00", "2026-03-01T00:00:00"],
    ["2025年12月", "2025-12-01T00:00:00", "2026-01-01T00:00:00"],
  ])("reads %s in the zone", (word, from, to) => {
    expect(parsePeriod(word, now, zone)).toMatchObject({ from: at(from), to: at(to) });
  });

  it("rolls 上月 over a year end and defaults to this month", () => {
    expect(parsePeriod("上月", at("2026-01-03T08:00:00"), zone)).toMatchObject({ from: at("2025-12-01T00:00:00"), label: "2025年12月" });
    expect(parsePeriod(null, now, zone)?.label).toBe("2026年11月");
    expect(parsePeriod("去年", now, zone)).toBeNull();
    expect(parsePeriod("2026-13", now, zone)).toBeNull();
  });
});

/**
 * A seeded month of ten tickets, with the figures worked out by hand below. Times are Shanghai local;
 * "now" is 2026-12-01 09:00, after every deadline but #9's.
 */
function ticket(partial: Partial<StatTicket> & Pick<StatTicket, "status">): StatTicket {
  return {
    outcome: null,
    rating: null,
    createdAt: at("2026-11-10T10:00:00"),
    acceptDueAt: at("2026-11-10T23:59:59"),
    resolveDueAt: at("2026-11-13T10:00:00"),
    acceptedAt: null,
    resolvedAt: null,
    closedAt: null,
    ...partial,
  };
}

const month: StatTicket[] = [
  // 1: accepted in 2 h, fixed in 24 h, satisfied.
  ticket({
    status: "closed",
    outcome: "fixed",
    rating: "satisfied",
    acceptedAt: at("2026-11-10T12:00:00"),
    resolvedAt: at("2026-11-11T10:00:00"),
    closedAt: at("2026-11-11T12:00:00"),
  }),
  // 2: accepted in 4 h, fixed in 48 h, basically satisfied.
  ticket({
    status: "closed",
    outcome: "fixed",
    rating: "basically_satisfied",
    acceptedAt: at("2026-11-10T14:00:00"),
    resolvedAt: at("2026-11-12T10:00:00"),
    closedAt: at("2026-11-12T12:00:00"),
  }),
  // 3: accepted late (next day), resolved late (96 h), unsatisfied.
  ticket({
    status: "closed",
    outcome: "fixed",
    rating: "unsatisfied",
    acceptedAt: at("2026-11-11T10:00:00"),
    resolvedAt: at("2026-11-14T10:00:00"),
    closedAt: at("2026-11-14T12:00:00"),
  }),
  // 4: accepted in 6 h, resolved in 72 h exactly as 无法解决, not rated yet.
  ticket({ status: "resolved", outcome: "cannot_fix", acceptedAt: at("2026-11-10T16:00:00"), resolvedAt: at("2026-11-13T10:00:00") }),
  // 5: accepted in 1 h, still in hand and overdue.
  ticket({ status: "assigned", acceptedAt: at("2026-11-10T11:00:00") }),
  // 6: never accepted, overdue.
  ticket({ status: "reported" }),
  // 7: rejected within the day: answered on time, not counted for resolution.
  ticket({ status: "rejected", closedAt: at("2026-11-10T15:00:00") }),
  // 8: withdrawn: counted nowhere but the total.
  ticket({ status: "withdrawn", closedAt: at("2026-11-10T11:00:00") }),
  // 9: reported the evening before "now", deadlines not reached yet.
  ticket({ status: "reported", createdAt: at("2026-11-30T20:00:00"), acceptDueAt: at("2026-12-01T12:00:00"), resolveDueAt: at("2026-12-03T20:00:00") }),
  // 10: auto-closed unrated (未评价) after a fix in 30 h.
  ticket({
    status: "closed",
    outcome: "fixed",
    acceptedAt: at("2026-11-10T13:00:00"),
    resolvedAt: at("2026-11-11T16:00:00"),
    closedAt: at("2026-11-14T16:00:00"),
  }),
];

describe("the statistics", () => {
  const figures = computeFigures(month, at("2026-12-01T09:00:00"));

  it("count the tickets by outcome", () => {
    expect(figures).toMatchObject({ total: 10, open: 3, resolved: 5, fixed: 4, rejected: 1, withdrawn: 1 });
  });

  it("compute 受理及时率 over tickets answered or past the acceptance deadline", () => {
    // Due: 1–7 and 10 (8 withdrawn, 9 not yet due) = 8. On time: 1, 2, 4, 5, 7, 10 = 6 (3 late, 6 never).
    expect(figures.acceptedOnTime).toEqual({ numerator: 6, denominator: 8, rate: 0.75 });
  });

  it("compute 按时办结率 over tickets resolved or past the resolution deadline", () => {
    // Due: 1–6 and 10 = 7 (7 rejected, 8 withdrawn, 9 not due). On time: 1, 2, 4 (exactly at the deadline), 10 = 4.
    expect(figures.resolvedOnTime).toEqual({ numerator: 4, denominator: 7, rate: 4 / 7 });
  });

  it("keep 办结率 and 解决率 apart", () => {
    // Handled (not rejected or withdrawn): 1–6, 9, 10 = 8. Resolved: 1, 2, 3, 4, 10 = 5; fixed: 1, 2, 3, 10 = 4.
    expect(figures.resolutionRate).toEqual({ numerator: 5, denominator: 8, rate: 0.625 });
    expect(figures.fixRate).toEqual({ numerator: 4, denominator: 8, rate: 0.5 });
  });

  it("compute 满意率 over rated tickets only (未评价 is not satisfied)", () => {
    // Rated: 1, 2, 3. Satisfied or basically: 1, 2.
    expect(figures.satisfaction).toEqual({ numerator: 2, denominator: 3, rate: 2 / 3 });
  });

  it("average the hours to accept and to resolve", () => {
    // Accepted: 2, 4, 24, 6, 1, 3 h → 40/6. Resolved: 24, 48, 96, 72, 30 h → 270/5 = 54.
    expect(figures.averageHoursToAccept).toBeCloseTo(40 / 6, 10);
    expect(figures.averageHoursToResolve).toBe(54);
  });

  it("have no rates for an empty period", () => {
    const empty = computeFigures([], at("2026-12-01T09:00:00"));
    expect(empty.satisfaction.rate).toBeNull();
    expect(empty.averageHoursToAccept).toBeNull();
  });
});
