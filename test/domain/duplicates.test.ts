import { describe, expect, it } from "vitest";
import { findDuplicate } from "../../src/domain/duplicates.ts";

const now = new Date("2026-11-23T02:00:00Z");
const daysAgo = (days: number) => new Date(now.getTime() - days * 86_400_000);
const open = [
  { number: 1, category: "repair", building: "3", text: "@议事助手 3号楼电梯又坏了，老人下不了楼", createdAt: daysAgo(1) },
  { number: 2, category: "sanitation", building: null, text: "东门垃圾堆了三天没人清运", createdAt: daysAgo(2) },
  { number: 3, category: "repair", building: "5", text: "5号楼电梯坏了", createdAt: daysAgo(8) },
];

describe("duplicate reports (附议)", () => {
  it("matches the same category and building with similar wording", () => {
    expect(findDuplicate({ category: "repair", building: "3", content: "3号楼的电梯坏了，出不去" }, open, now)?.number).toBe(1);
  });

  it("does not match another building", () => {
    expect(findDuplicate({ category: "repair", building: "4", content: "4号楼电梯坏了" }, open, now)).toBeUndefined();
  });

  it("does not match another category in the same building", () => {
    expect(findDuplicate({ category: "noise", building: "3", content: "3号楼电梯间太吵" }, open, now)).toBeUndefined();
  });

  it("does not match tickets older than seven days", () => {
    expect(findDuplicate({ category: "repair", building: "5", content: "5号楼电梯坏了" }, open, now)).toBeUndefined();
  });

  it("does not match unrelated wording in the same building", () => {
    expect(findDuplicate({ category: "repair", building: "3", content: "3号楼2单元门禁刷不开" }, open, now)).toBeUndefined();
  });

  it("asks for closer wording when neither names a building", () => {
    expect(findDuplicate({ category: "sanitation", building: null, content: "东门那边垃圾好几天没清运了" }, open, now)?.number).toBe(2);
    expect(findDuplicate({ category: "sanitation", building: null, content: "绿化带里有死老鼠" }, open, now)).toBeUndefined();
  });
});
