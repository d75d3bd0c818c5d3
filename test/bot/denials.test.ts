import { describe, expect, it } from "vitest";
import { withoutDenials } from "../../src/bot/denials.ts";
import { detectDanger } from "../../src/bot/urgency.ts";

describe("a hazard the writer denies", () => {
  it.each(["不是漏气 就是没气", "勿是漏电 就是松", "没冒火 看着不正规", "冇着火 系烧嘢", "莫得煤气味", "电梯停着 里面没人"])("%s is no danger", (text) => {
    expect(detectDanger(text)).toBeNull();
  });

  it("denies only the hazard right after the negation: 「不是漏气 是着火了」 is a fire", () => {
    expect(detectDanger("不是漏气 是着火了 厨房火苗窜上来了")).toMatchObject({ hazard: "fire", tier: "red" });
  });

  it("leaves questions and negative signs of danger alone", () => {
    expect(withoutDenials("有没有人在里面")).toBe("有没有人在里面");
    expect(withoutDenials("是不是漏气了")).toBe("是不是漏气了");
    expect(withoutDenials("按警铃没人应 叫他没反应")).toBe("按警铃没人应 叫他没反应");
  });
});

describe("someone shut in anywhere", () => {
  it("reads a door shut with someone behind it as red, wherever the door is", () => {
    expect(detectDanger("天台的门被风吹上了 我在上面下不来")).toMatchObject({ hazard: "lockedIn", tier: "red" });
    expect(detectDanger("冷库门关了 同事在里头出不来")).toMatchObject({ hazard: "lockedIn", tier: "red" });
  });

  it("does not read a door that will not open with no one behind it, or a suggestion, as red", () => {
    expect(detectDanger("单元门打不开 刷卡没反应")).toBeNull();
    expect(detectDanger("建议天台门装个里面能开的把手 万一有人关在上面")).toBeNull();
  });

  it("reads a line typed word by word as one clause", () => {
    expect(detectDanger("电梯 坏了 人 困 里面 有 5号楼 快")).toMatchObject({ hazard: "lift", tier: "red" });
  });
});

describe("what only looks like a denial", () => {
  it("reads 没气味 as the voice-input slip for 煤气味, not as no smell", () => {
    expect(withoutDenials("没气味好重 六栋一楼")).toBe("没气味好重 六栋一楼");
  });
});
