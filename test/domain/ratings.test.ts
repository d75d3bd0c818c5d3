import { describe, expect, it } from "vitest";
import { awaitsReporterReason, checkFollowerRating } from "../../src/domain/ratings.ts";

const zone = "Asia/Shanghai";
const now = new Date("2026-11-25T02:00:00Z");
const resolvedAt = new Date("2026-11-24T02:00:00Z");

describe("a follower's rating", () => {
  it("is taken on a resolved ticket, and on one the reporter closed, once", () => {
    expect(() => checkFollowerRating({ number: 4, status: "resolved", resolvedAt, closedAt: null }, false, now, zone)).not.toThrow();
    expect(() => checkFollowerRating({ number: 4, status: "closed", resolvedAt, closedAt: resolvedAt }, false, now, zone)).not.toThrow();
    expect(() => checkFollowerRating({ number: 4, status: "closed", resolvedAt, closedAt: resolvedAt }, true, now, zone)).toThrow("已经评价过了");
  });

  it("is refused on an open ticket with its status, and long after the close", () => {
    expect(() => checkFollowerRating({ number: 5, status: "reported", resolvedAt: null, closedAt: null }, false, now, zone)).toThrow(
      "还没有办结（当前：待受理）",
    );
    const closedAt = new Date("2026-11-10T02:00:00Z");
    expect(() => checkFollowerRating({ number: 4, status: "closed", resolvedAt, closedAt }, false, now, zone)).toThrow("超过7天不能再评价");
  });
});

describe("the reason for a 不满意 given without one", () => {
  it("is awaited from the reporter while the matter it reopened is open", () => {
    const ticket = { status: "accepted" as const, reporterId: "u-chen", rating: "unsatisfied", ratingComment: null };
    expect(awaitsReporterReason(ticket, "u-chen")).toBe(true);
    expect(awaitsReporterReason(ticket, "u-zhang")).toBe(false);
    expect(awaitsReporterReason({ ...ticket, ratingComment: "还是有味道" }, "u-chen")).toBe(false);
    expect(awaitsReporterReason({ ...ticket, status: "resolved" as const }, "u-chen")).toBe(false);
  });
});
