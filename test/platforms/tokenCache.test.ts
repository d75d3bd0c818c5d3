import { describe, expect, it } from "vitest";
import { TokenCache } from "../../src/platforms/tokenCache.ts";
import { FakeClock } from "../helpers/testBot.ts";

describe("a platform's token cache", () => {
  it("asks once for callers at the same time, reuses the token until shortly before it expires, and asks again after forget()", async () => {
    const clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
    let issued = 0;
    const cache = new TokenCache(() => Promise.resolve({ value: `token-${++issued}`, lifetimeMs: 7200_000 }), clock.now, 300_000);
    expect(await Promise.all([cache.get(), cache.get(), cache.get()])).toEqual(["token-1", "token-1", "token-1"]);
    clock.advance(6899_000);
    expect(await cache.get()).toBe("token-1");
    clock.advance(1_000);
    expect(await cache.get()).toBe("token-2");
    cache.forget();
    expect(await cache.get()).toBe("token-3");
  });

  it("passes on the issuer's refusal and tries again on the next call", async () => {
    const clock = new FakeClock(new Date("2026-11-23T02:00:00Z"));
    let refuse = true;
    const cache = new TokenCache(
      () => (refuse ? Promise.reject(new Error("appKey is invalid")) : Promise.resolve({ value: "ok", lifetimeMs: 60_000 })),
      clock.now,
    );
    await expect(cache.get()).rejects.toThrow("appKey is invalid");
    refuse = false;
    expect(await cache.get()).toBe("ok");
  });
});
