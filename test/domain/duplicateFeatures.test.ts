import { describe, expect, it } from "vitest";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { topicsOf } from "../../src/bot/classifier/topics.ts";
import { PAIR_FEATURES, pairFeatures, type PairSide } from "../../src/domain/duplicateFeatures.ts";
import { withoutThingsAndPlaces } from "../../src/text/concepts.ts";

const side = (text: string, danger?: PairSide["danger"]): PairSide => ({
  category: "repair",
  building: "12",
  text,
  ...(danger === undefined ? {} : { danger }),
});
const feature = (name: (typeof PAIR_FEATURES)[number], left: PairSide, right: PairSide) => pairFeatures(left, right)[PAIR_FEATURES.indexOf(name)];

describe("what the learnt similarity of two reports reads", () => {
  it("marks a danger happening now on one side only, and only when both sides' danger was read", () => {
    const broken = "12号楼电梯坏了 不动";
    const trapped = "12号楼电梯困人了 里面有人出不来";
    expect(feature("dangerOnOneSide", side(broken, null), side(trapped, "red"))).toBe(1);
    expect(feature("dangerOnOneSide", side(trapped, "red"), side("12号楼电梯里关着人呢 快来人啊", "red"))).toBe(0);
    // A possible danger is not a present one: one resident hedges what another tells plainly.
    expect(feature("dangerOnOneSide", side(broken, "possible"), side(trapped, "red"))).toBe(0);
    expect(feature("dangerOnOneSide", side(broken), side(trapped, "red"))).toBe(0);
  });

  it("reads what is said beyond the thing and the place", () => {
    expect(withoutThingsAndPlaces("@议事助手 东门充电桩被油车占了")).toBe("桩被油车占了");
    expect(withoutThingsAndPlaces("3号楼2单元电梯坏了停在8楼")).toBe("坏了停在");
    const sameFault = feature("restWording", side("东门充电桩全坏了"), side("东门的充电桩都坏了"));
    const otherFault = feature("restWording", side("东门充电桩全坏了"), side("东门充电桩被油车占了"));
    expect(sameFault).toBeGreaterThan(otherFault!);
    expect(feature("restWording", side("5号楼电梯"), side("五栋电梯"))).toBe(1);
  });

  it("reads one kind of problem in other words as alike, and two kinds as apart", () => {
    const read = (text: string): PairSide => ({ ...side(text), topics: topicsOf(text, bundledModels()) });
    const cameras = feature("sameTopic", read("小区监控坏了一半"), read("好多摄像头都是黑的 根本没在录"));
    const otherKind = feature("sameTopic", read("小区监控坏了一半"), read("物业费又涨了也不开会"));
    expect(cameras).toBeGreaterThan(otherKind!);
    expect(feature("sameTopic", side("小区监控坏了一半"), read("好多摄像头都是黑的"))).toBe(0);
  });
});
