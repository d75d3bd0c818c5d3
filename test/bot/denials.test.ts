import { describe, expect, it } from "vitest";
import { deniedHazards, withoutDeniedHazards, withoutDenials } from "../../src/bot/denials.ts";
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

  it("leaves no one answering inside alone: 「里面没人应」 is a sign of danger", () => {
    expect(withoutDenials("按警铃里面没人应 电梯卡住了")).toBe("按警铃里面没人应 电梯卡住了");
    expect(withoutDenials("敲门里头没人接")).toBe("敲门里头没人接");
    expect(detectDanger("按警铃里面没人应 电梯卡住了")).toMatchObject({ hazard: "lift", tier: "red" });
  });

  it("names the hazard denied, so a denial caps only that one", () => {
    expect([...deniedHazards("不是着火 是漏气 味道很重")]).toEqual(["fire"]);
    expect([...deniedHazards("电梯停着 里面没人")]).toEqual(["lift", "lockedIn"]);
    // A harm denied is no hazard denied: the loose dog is still there.
    expect([...deniedHazards("狗没拴 没咬到人 但是一直追着小孩扑")]).toEqual([]);
    expect(withoutDeniedHazards("狗没拴 没咬到人")).toBe("狗没拴 没咬到人");
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

  it("reads 上面 as upstairs, a broken lock as a lock to mend, and waiting as waiting", () => {
    expect(detectDanger("门卡坏了 我在上面等你")).toBeNull();
    expect(detectDanger("单元门禁坏了 快递员在上面送货")).toBeNull();
    expect(detectDanger("地下室门锁了 老人在上面等我")).toBeNull();
    expect(detectDanger("教室门锁坏了 老师在里面 开不了 找个师傅修一下")).toBeNull();
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
