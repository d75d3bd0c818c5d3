import { describe, expect, it } from "vitest";
import { deadlinesFor } from "../../src/domain/deadlines.ts";

const zone = "Asia/Shanghai";
const at = (iso: string) => new Date(iso);

describe("four-colour deadlines (当日受理、三日办结)", () => {
  it("gives a yellow ticket reported in the morning until the end of that day to be accepted, and three days to be resolved", () => {
    const deadlines = deadlinesFor("yellow", at("2026-11-23T10:00:00+08:00"), zone);
    expect(deadlines.acceptDueAt).toEqual(at("2026-11-23T23:59:59+08:00"));
    expect(deadlines.resolveDueAt).toEqual(at("2026-11-26T10:00:00+08:00"));
  });

  it("gives a yellow ticket reported after 18:00 until noon the next day to be accepted", () => {
    expect(deadlinesFor("yellow", at("2026-11-23T18:30:00+08:00"), zone).acceptDueAt).toEqual(at("2026-11-24T12:00:00+08:00"));
  });

  it("rolls the next-day noon over a month end", () => {
    expect(deadlinesFor("yellow", at("2026-11-30T21:00:00+08:00"), zone).acceptDueAt).toEqual(at("2026-12-01T12:00:00+08:00"));
  });

  it("counts the calendar day in the configured zone, not in UTC", () => {
    // 01:00 UTC is 09:00 in Shanghai: the same Shanghai day ends 15 hours later.
    expect(deadlinesFor("blue", at("2026-11-23T01:00:00Z"), zone).acceptDueAt).toEqual(at("2026-11-23T15:59:59Z"));
    expect(deadlinesFor("blue", at("2026-11-23T01:00:00Z"), "Europe/Berlin").acceptDueAt).toEqual(at("2026-11-23T22:59:59Z"));
  });

  it("is tighter for red and longer for orange", () => {
    const from = at("2026-11-23T10:00:00+08:00");
    const red = deadlinesFor("red", from, zone);
    const orange = deadlinesFor("orange", from, zone);
    const yellow = deadlinesFor("yellow", from, zone);
    expect(red.acceptDueAt).toEqual(at("2026-11-23T11:00:00+08:00"));
    expect(red.resolveDueAt).toEqual(at("2026-11-24T10:00:00+08:00"));
    expect(orange.resolveDueAt.getTime()).toBeGreaterThan(yellow.resolveDueAt.getTime());
  });
});
