import { describe, expect, it } from "vitest";
import { scoreDuplicatePairs, type DuplicatePair } from "../../scripts/evaluation/duplicatePairs.ts";
import { readTable } from "../../scripts/evaluation/tables.ts";

describe("duplicates (附议) by meaning, measured on pair tables", () => {
  it("holds at least 40 pairs in each table, same and different alike", () => {
    for (const name of ["duplicate-pairs-a.json", "duplicate-pairs-b.json", "duplicate-pairs-c.json", "duplicate-pairs-d.json", "duplicate-pairs-e.json"]) {
      const pairs = readTable<DuplicatePair>(name);
      expect(pairs.length).toBeGreaterThanOrEqual(40);
      expect(pairs.filter((pair) => pair.same).length).toBeGreaterThanOrEqual(20);
      expect(pairs.filter((pair) => !pair.same).length).toBeGreaterThanOrEqual(20);
    }
  });

  it.each(["duplicate-pairs-a.json", "duplicate-pairs-b.json", "duplicate-pairs-c.json", "duplicate-pairs-d.json"])(
    "%s (tuned on): precision ≥ 85%%, recall ≥ 80%%",
    (name) => {
      const result = scoreDuplicatePairs(readTable<DuplicatePair>(name));
      expect(result.precision, result.wrong.join("\n")).toBeGreaterThanOrEqual(0.85);
      expect(result.recall, result.wrong.join("\n")).toBeGreaterThanOrEqual(0.8);
    },
  );

  it("duplicate-pairs-e.json (unseen): above its floors", () => {
    const result = scoreDuplicatePairs(readTable<DuplicatePair>("duplicate-pairs-e.json"));
    console.info(`unseen duplicates precision ${(result.precision * 100).toFixed(1)}%, recall ${(result.recall * 100).toFixed(1)}%`);
    expect(result.precision).toBeGreaterThanOrEqual(0.65);
    expect(result.recall).toBeGreaterThanOrEqual(0.45);
  });
});
