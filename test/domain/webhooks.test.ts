import { describe, expect, it } from "vitest";
import { attemptOutcome, handOffReference, isoWithOffset, retryAfterMs, webhookTypeOf } from "../../src/domain/webhooks.ts";

const now = new Date("2026-11-23T02:00:00Z");

describe("webhook rules", () => {
  it("dates an event in its endpoint's zone, with the offset", () => {
    expect(isoWithOffset(now, "Asia/Shanghai")).toBe("2026-11-23T10:00:00+08:00");
    expect(isoWithOffset(now, "UTC")).toBe("2026-11-23T02:00:00+00:00");
    expect(isoWithOffset(now, "America/St_Johns")).toBe("2026-11-22T22:30:00-03:30");
  });

  it("tells which history entries are events", () => {
    expect(webhookTypeOf("reported")).toBe("ticket.reported");
    expect(webhookTypeOf("reopened")).toBe("ticket.reopened");
    expect(webhookTypeOf("chased")).toBeNull();
    expect(webhookTypeOf("handed_off")).toBeNull();
  });

  it("retries silence, 408, 429 and 5xx; delivers 2xx; a redirect or another 4xx is dead at once", () => {
    expect(attemptOutcome(null, null, now)).toEqual({ kind: "retry", retryAfterMs: 0 });
    expect(attemptOutcome(204, null, now)).toEqual({ kind: "delivered" });
    for (const status of [408, 429, 500, 502, 503]) expect(attemptOutcome(status, null, now).kind).toBe("retry");
    for (const status of [301, 400, 401, 403, 404, 410, 422]) expect(attemptOutcome(status, null, now)).toEqual({ kind: "dead" });
  });

  it("reads Retry-After in seconds or as a date, never negative, at most a day", () => {
    expect(retryAfterMs("120", now)).toBe(120_000);
    expect(retryAfterMs("Mon, 23 Nov 2026 02:01:00 GMT", now)).toBe(60_000);
    expect(retryAfterMs("Mon, 23 Nov 2026 01:00:00 GMT", now)).toBe(0);
    expect(retryAfterMs("9999999", now)).toBe(86_400_000);
    expect(retryAfterMs("soon", now)).toBe(0);
    expect(attemptOutcome(503, "30", now)).toEqual({ kind: "retry", retryAfterMs: 30_000 });
  });

  it("reads the 12345 platform's reference from its reply, and nothing else", () => {
    expect(handOffReference('{ "reference": "12345-2026-000123" }')).toBe("12345-2026-000123");
    expect(handOffReference('{ "reference": 880123 }')).toBe("880123");
    expect(handOffReference('{ "ref": "x" }')).toBeNull();
    expect(handOffReference('{ "reference": "<script>" }')).toBeNull();
    expect(handOffReference(`{ "reference": "${"9".repeat(65)}" }`)).toBeNull();
    expect(handOffReference("ok")).toBeNull();
  });
});
