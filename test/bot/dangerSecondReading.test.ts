import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { readDanger } from "../../src/bot/danger.ts";

const models = bundledModels();
// Most of these are the thirteenth round's misses, train lines now: they pin what the committed models read.
// The second reading off: no model is ever that sure.
const firstOnly = { secondRed: 1.01 };

describe("the second reading (the urgency model of every train writer)", () => {
  it("reads red a plain emergency typed in bits that the first reading leaves a possible danger", () => {
    // 「爆管 … 哗哗」 is the plain-emergency rules' now (urgency.ts): red on the first reading already.
    expect(readDanger("爆管 1栋门口 哗哗的", models, firstOnly)).toEqual({ hazard: "burstPipe", safety: false, tier: "red" });
    const dogAtMe = "@议事助手 车库里头那条流浪狗扑我 我拿扫把在挡 龟儿好凶";
    expect(readDanger(dogAtMe, models, firstOnly)).toEqual({ hazard: "animal", safety: true, tier: "possible" });
    expect(readDanger(dogAtMe, models)).toEqual({ hazard: "animal", safety: true, tier: "red" });
    expect(readDanger("有人倒在地下车库 不说话 我好怕", models)).toEqual({ hazard: "medical", safety: true, tier: "red" });
  });

  it("reads red a danger in classical wording the first reading does not see at all", () => {
    expect(readDanger("一少年翻出五号楼六层阳台栏杆，蹲于外沿", models, firstOnly)).toBeNull();
    expect(readDanger("一少年翻出五号楼六层阳台栏杆，蹲于外沿", models)).toEqual({ hazard: "ledge", safety: true, tier: "red" });
  });

  it("reads through a hedge rule's false alarm only when its model is very sure", () => {
    // 「人没事」 is a hedge rule's sign that it is over; the flowerpots still fall.
    expect(readDanger("楼上又扔下来个花盆 11栋东侧 人没事 但还在扔", models, firstOnly)?.tier).toBe("possible");
    expect(readDanger("楼上又扔下来个花盆 11栋东侧 人没事 但还在扔", models)).toEqual({ hazard: "falling", safety: true, tier: "red" });
    expect(readDanger("楼上又扔下来个花盆 11栋东侧 人没事 但还在扔", models, { secondOverHedge: 1.01 })?.tier).toBe("possible");
    // 「以前」 puts the line in the past for the hedge rules; the dog is at the gate now. The refitted model is 0.90 sure.
    const dogAgain = "以前也有人被狗咬过 现在那条狗又在东门追人 快来";
    expect(readDanger(dogAgain, models)).toEqual({ hazard: "animal", safety: true, tier: "red" });
    expect(readDanger(dogAgain, models, { secondOverHedge: 0.95 })?.tier).toBe("possible");
  });

  it("reads a line that is no report only when its model is very sure", () => {
    expect(readDanger("火", models)).toEqual({ hazard: "fire", safety: true, tier: "red" });
    expect(readDanger("火", models, { secondOffReport: 1.01 })?.tier).toBe("possible");
  });

  it("adds no red to what is over, denied, averted or an ordinary leak", () => {
    expect(readDanger("带孩子下楼 两只大狗冲过来 要不是我拦住就被咬了", models)?.tier).toBe("possible");
    expect(readDanger("去年3号楼爆管 哗哗的 淹了车库", models)?.tier).toBe("possible");
    expect(readDanger("爆管 1栋门口 不是爆管 是消防演练", models)).toBeNull();
    expect(readDanger("3号楼2单元301室卫生间漏水", models)?.tier).toBe("possible");
    expect(readDanger("5栋1502厨房水管漏水", models)?.tier).toBe("possible");
    expect(readDanger("7号楼楼顶漏水", models)).toBeNull();
  });
});
