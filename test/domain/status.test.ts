import { describe, expect, it } from "vitest";
import { statusLabel } from "../../src/domain/status.ts";

describe("the one status word", () => {
  it("is 待上会 for an open ticket waiting for a meeting, whatever step it had reached", () => {
    const marked = new Date("2026-11-23T02:00:00Z");
    expect(statusLabel({ status: "reported", markedForMeetingAt: marked })).toBe("待上会");
    expect(statusLabel({ status: "assigned", markedForMeetingAt: marked })).toBe("待上会");
    expect(statusLabel({ status: "reported" })).toBe("待受理");
    expect(statusLabel({ status: "resolved", markedForMeetingAt: marked })).toBe("已办结");
  });
});
