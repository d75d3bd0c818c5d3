import { describe, expect, it } from "vitest";
import { eitherWayRound } from "../../src/text/eitherWayRound.ts";

describe("either way round", () => {
  const broken = (text: string) => text.includes("坏");
  const dear = (text: string) => text.includes("贵");

  it("holds when one side is this and the other that, whichever side is which", () => {
    expect(eitherWayRound("充电桩坏了", "充电桩太贵", broken, dear)).toBe(true);
    expect(eitherWayRound("充电桩太贵", "充电桩坏了", broken, dear)).toBe(true);
  });

  it("does not hold when both sides are this, or neither side is that", () => {
    expect(eitherWayRound("充电桩坏了", "充电桩也坏了", broken, dear)).toBe(false);
    expect(eitherWayRound("充电桩坏了", "充电桩被占了", broken, dear)).toBe(false);
  });
});
