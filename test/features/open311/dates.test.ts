import { describe, expect, it } from "vitest";
import { parseW3cDateTime, w3cDateTime } from "../../../src/features/open311/dates.ts";

const ZONE = "Asia/Shanghai";

describe("W3C date-times", () => {
  it("writes an instant with the zone's offset", () => {
    expect(w3cDateTime(new Date("2026-11-23T02:00:00Z"), ZONE)).toBe("2026-11-23T10:00:00+08:00");
    expect(w3cDateTime(new Date("2026-11-23T02:00:00Z"), "UTC")).toBe("2026-11-23T02:00:00Z");
    expect(w3cDateTime(new Date("2026-07-01T12:00:00Z"), "America/New_York")).toBe("2026-07-01T08:00:00-04:00");
    expect(w3cDateTime(new Date("2026-01-01T12:00:00Z"), "Asia/Kolkata")).toBe("2026-01-01T17:30:00+05:30");
  });

  it("reads an offset as given, a time without one in the zone, and a date alone as its day's start", () => {
    const at = (text: string) => parseW3cDateTime(text, ZONE)?.toISOString() ?? null;
    expect(at("2026-11-23T10:00:00+08:00")).toBe("2026-11-23T02:00:00.000Z");
    expect(at("2026-11-23T02:00:00Z")).toBe("2026-11-23T02:00:00.000Z");
    expect(at("2026-11-22T21:00:00-0500")).toBe("2026-11-23T02:00:00.000Z");
    expect(at("2026-11-23T10:00:00.250+08:00")).toBe("2026-11-23T02:00:00.250Z");
    expect(at("2026-11-23T10:00:00")).toBe("2026-11-23T02:00:00.000Z");
    expect(at("2026-11-23T10:00")).toBe("2026-11-23T02:00:00.000Z");
    expect(at("2026-11-23")).toBe("2026-11-22T16:00:00.000Z");
  });

  it("refuses what is not one", () => {
    for (const text of ["", "yesterday", "2026-02-30", "2026-13-01", "2026-11-23T24:00:00Z", "2026-11-23T10:00:00+15:00", "23/11/2026", "1700000000"]) {
      expect(parseW3cDateTime(text, ZONE), text).toBeNull();
    }
  });
});
