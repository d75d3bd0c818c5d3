import { describe, expect, it } from "vitest";
import { CallbackRejected } from "../../../src/platforms/errors.ts";
import { verifyDingtalkCallback } from "../../../src/platforms/dingtalk/callback.ts";
import { dingtalkSignature } from "../../../src/platforms/dingtalk/sign.ts";

describe("DingTalk signatures", () => {
  it("match the published vectors", () => {
    expect(dingtalkSignature("this is secret", "1577262236757")).toBe("hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=");
    expect(dingtalkSignature("this is a secret", "1577262236757")).toBe("DJrE6qdyVGCQz9z5r2MDuNcNAhwYnuAkyj13cx169CA=");
    expect(encodeURIComponent(dingtalkSignature("this is secret", "1577262236757"))).toBe("hmPWwU%2B7lVdm3ZZz0r9tSfx0L4Q26jWOZr9%2BGs6EZQM%3D");
  });

  const secret = "this is secret";
  const timestamp = "1577262236757";
  const sign = "hmPWwU+7lVdm3ZZz0r9tSfx0L4Q26jWOZr9+Gs6EZQM=";

  it("accept a callback signed within the hour", () => {
    expect(() => verifyDingtalkCallback(secret, { timestamp, sign }, new Date(Number(timestamp) + 59 * 60_000))).not.toThrow();
  });

  it("refuse a stale timestamp, a wrong sign and missing headers", () => {
    const now = new Date(Number(timestamp));
    expect(() => verifyDingtalkCallback(secret, { timestamp, sign }, new Date(Number(timestamp) + 61 * 60_000))).toThrow("stale timestamp");
    expect(() => verifyDingtalkCallback("another secret", { timestamp, sign }, now)).toThrow("bad sign");
    expect(() => verifyDingtalkCallback(secret, {}, now)).toThrow(CallbackRejected);
  });
});
