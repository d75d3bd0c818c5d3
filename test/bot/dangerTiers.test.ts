import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
import { normalizeForReading } from "../../src/bot/normalize.ts";
import { toSimplified } from "../../src/text/simplified.ts";
import { detectDanger, detectUrgency, type HazardId } from "../../src/bot/urgency.ts";
import { understand } from "../../scripts/evaluation/tables.ts";
import { HAZARD_ADVICE } from "../../src/features/tickets/texts.ts";

interface TierRow {
  text: string;
  hazard: HazardId | null;
  tier: "red" | "possible" | "none";
}

const table: TierRow[] = JSON.parse(readFileSync(new URL("../fixtures/understanding/danger-tiers.json", import.meta.url), "utf8")).rows;

describe("two tiers of danger: the regression table", () => {
  it.each(table.map((row) => [row.text, row] as const))("%s", (_, row) => {
    const danger = detectDanger(row.text);
    expect(danger?.tier ?? "none").toBe(row.tier);
    if (row.tier !== "none") expect(danger?.hazard).toBe(row.hazard);
    // Only red is urgent (what alerts the sub-district).
    expect(detectUrgency(row.text) !== null).toBe(row.tier === "red");
  });

  it("covers every hazard, old and new, in at least two red phrasings", () => {
    for (const hazard of ["carbonMonoxide", "lockedIn", "ledge", "lift", "gas", "fire"] as const) {
      expect(table.filter((row) => row.hazard === hazard && row.tier === "red").length).toBeGreaterThanOrEqual(2);
    }
    const covered = new Set(table.filter((row) => row.tier === "red").map((row) => row.hazard));
    expect([...covered].sort()).toEqual(Object.keys(HAZARD_ADVICE).sort());
  });

  it("puts a hazard named with doubt as possible, and a red one as red, in the report read", () => {
    expect(understand("@议事助手 卫生间有股味道 不知道是不是燃气漏了")).toMatchObject({ kind: "report", report: { hazard: "gas", danger: "possible" } });
    const red = understand("@议事助手 屋里烧着蜂窝煤炉子 老人头痛想吐");
    expect(red).toMatchObject({ kind: "report", report: { hazard: "carbonMonoxide", danger: "red", colour: "red", category: "safety" } });
  });
});

describe("reading normalised before it is understood", () => {
  it("turns traditional characters into simplified ones, leaving the rest alone", () => {
    expect(toSimplified("5號樓電梯壞了 裡面還有人")).toBe("5号楼电梯坏了 里面还有人");
    expect(toSimplified("3号楼漏水 abc 123")).toBe("3号楼漏水 abc 123");
    // Names keep their characters: 乾城 is not 干城; 著名 stays, 關著 is 关着.
    expect(toSimplified("乾城二期 著名 關著")).toBe("乾城二期 著名 关着");
  });

  it("reads a report typed in traditional characters like its simplified twin", () => {
    expect(understand("@议事助手 8號樓電梯裡關著兩個人 快來人")).toMatchObject({ kind: "report", report: { colour: "red", hazard: "lift" } });
    expect(understand("@议事助手 廚房煤氣味很重")).toMatchObject({ kind: "report", report: { hazard: "gas", danger: "red" } });
  });

  it("corrects the voice slips that hide a danger, only where they are slips", () => {
    expect(normalizeForReading("厨房然气味好大")).toBe("厨房燃气味好大");
    expect(normalizeForReading("阳台着伙了")).toBe("阳台着火了");
    expect(normalizeForReading("楼道里煤气漏汽了")).toBe("楼道里煤气漏气了");
    expect(normalizeForReading("暖气片漏汽")).toBe("暖气片漏汽");
    expect(normalizeForReading("天然气费在哪交")).toBe("天然气费在哪交");
    expect(normalizeForReading("推了推他没反映")).toBe("推了推他没反应");
    expect(normalizeForReading("这个问题我反映过好几次")).toBe("这个问题我反映过好几次");
    expect(understand("@议事助手 楼下有位大爷躺着 喊他也没有反映")).toMatchObject({ kind: "report", report: { hazard: "medical", danger: "red" } });
    expect(understand("@议事助手 一楼那家然气泄露了 味道好冲")).toMatchObject({ kind: "report", report: { hazard: "gas", danger: "red" } });
  });

  it("reads commands as typed: a command's arguments are never normalised", () => {
    expect(understand("派单 3 孫物業")).toMatchObject({ kind: "command", command: { name: "assign" } });
    const assigned = understand("派单 3 孫物業");
    expect(JSON.stringify(assigned)).toContain("孫物業");
  });
});
