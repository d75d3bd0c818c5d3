import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { readDanger } from "../../src/bot/danger.ts";
import { namesHazard } from "../../src/bot/hazardSigns.ts";
import { normalizeForReading } from "../../src/bot/normalize.ts";
import { detectDanger } from "../../src/bot/urgency.ts";

const dangerOf = (text: string) => readDanger(normalizeForReading(text), bundledModels());

describe("a possible danger read by the models alone gives the advice of a hazard the line names", () => {
  it("gives a terse leak the water advice or none, never the gas advice", () => {
    for (const text of ["二期B区5栋2单元301漏水", "5栋1502厨房水管漏水", "6号楼302漏水了"]) {
      expect(detectDanger(text)).toBeNull();
      expect(dangerOf(text)?.hazard ?? null, text).not.toBe("gas");
    }
    expect(dangerOf("二期B区5栋2单元301漏水")).toMatchObject({ hazard: "burstPipe", tier: "possible" });
  });

  it("gives a line that names no hazard no advice at all", () => {
    expect(dangerOf("地下车库入口")).toBeNull();
  });

  it("leaves the rules' red and the gas advice on a smell of gas as they were", () => {
    expect(dangerOf("厨房然气味好大")).toMatchObject({ hazard: "gas", tier: "red" });
    expect(dangerOf("卫生间有股味道 不知道是不是燃气漏了")).toMatchObject({ hazard: "gas", tier: "possible" });
  });
});

describe("the signs of a hazard", () => {
  it.each([
    ["燃起漏 厨房 咋整 关不上发", "gas"],
    ["一股臭鸡蛋味", "gas"],
    ["楼道里好像有点气味", "gas"],
    ["地暖管子好像漏了", "burstPipe"],
    ["车库里积水很深", "burstPipe"],
    ["送水师傅喺地下车库斜坡跌亲 膝头流好多血", "medical"],
    ["挡土墙在垮 泥巴石头往下滚", "collapse"],
    ["婆婆老年痴呆 刚刚开门跑出去", "child"],
    ["停车场那个黑色SUV里好像有只狗 窗户全关", "lockedIn"],
  ] as const)("%s names %s", (text, hazard) => {
    expect(namesHazard(text, hazard)).toBe(true);
  });

  it.each([
    ["二期B区5栋2单元301漏水", "gas"],
    ["地下车库入口", "gas"],
    ["地下车库入口", "burstPipe"],
    ["楼上漏水了", "fire"],
    ["有人在电梯里抽烟", "fire"],
    ["燃气费在哪交 还有煤气灶", "fire"],
  ] as const)("%s does not name %s", (text, hazard) => {
    expect(namesHazard(text, hazard)).toBe(false);
  });
});
