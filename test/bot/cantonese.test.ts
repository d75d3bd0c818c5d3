import { describe, expect, it } from "vitest";
import { cantoneseForRules } from "../../src/bot/cantonese.ts";
import { detectDanger } from "../../src/bot/urgency.ts";
import { normalizeForReading } from "../../src/bot/normalize.ts";

describe("Cantonese words for the danger rules", () => {
  it("folds the words the rules would not read into Mandarin", () => {
    expect(cantoneseForRules("我个仔困喺厕所出唔到")).toBe("我个仔困在厕所出不来");
    expect(cantoneseForRules("上面仲喺度掟嘢落嚟")).toBe("上面还在度扔东西下来");
    expect(cantoneseForRules("唔知係唔係有人")).toBe("不知是不是有人");
  });

  it("keeps 困咗, which tells how long someone was stuck after the fact", () => {
    expect(cantoneseForRules("困咗成个钟")).toBe("困咗成个钟");
    expect(detectDanger("上个月4栋电梯困过人 困咗成个钟 今日又咯咯声")).toBeNull();
  });

  it("reads Hong Kong Cantonese in traditional characters, once simplified, as the hazard it says now", () => {
    expect(cantoneseForRules("地下垃圾房着咗火")).toBe("地下垃圾房着火了");
    expect(cantoneseForRules("外墙啲纸皮石一直跌紧落嚟")).toBe("外墙啲纸皮石一直往下掉");
    expect(detectDanger(normalizeForReading("我而家困緊喺11棟𨋢 已經20分鐘"))).toMatchObject({ hazard: "lift", tier: "red" });
    expect(detectDanger(normalizeForReading("頭先聽到有嘢跌落嚟 但睇唔到係乜"))).toBeNull();
  });

  it("lets the rules read a Cantonese emergency as red", () => {
    expect(detectDanger("有个细路唔见咗 系7号楼张先生个仔")?.tier).toBe("red");
    expect(detectDanger("楼上仲喺度掟嘢 掟鸡蛋落嚟")).toMatchObject({ hazard: "falling", tier: "red" });
  });
});
