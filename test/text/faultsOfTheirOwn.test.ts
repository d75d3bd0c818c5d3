import { describe, expect, it } from "vitest";
import { faultOfItsOwnOnOneSide, faultsOfTheirOwn } from "../../src/text/faultsOfTheirOwn.ts";

describe("faults that are a matter of their own", () => {
  it("reads someone shut in, a car left, smoking, a lamp left on, one flat dark and a slow lift", () => {
    expect([...faultsOfTheirOwn("12号楼电梯困人了 里面有人出不来")]).toEqual(["trapped"]);
    expect([...faultsOfTheirOwn("14号楼电梯里关了个孕妇")]).toEqual(["trapped"]);
    expect([...faultsOfTheirOwn("9栋楼下那辆破面包车停两年没动过")]).toEqual(["abandoned"]);
    expect([...faultsOfTheirOwn("电梯里有人抽烟")]).toEqual(["smoking"]);
    expect([...faultsOfTheirOwn("三栋楼道的灯一直亮着 白天都不关")]).toEqual(["alwaysOn"]);
    expect([...faultsOfTheirOwn("跳闸了 只有我家没电")]).toEqual(["ownFlat"]);
    expect([...faultsOfTheirOwn("5号楼2单元电梯慢得要命")]).toEqual(["slow"]);
  });

  it("does not take a mess or smoke in the lift, or people kept at home, for someone shut in", () => {
    expect(faultsOfTheirOwn("电梯里面有人吐了").has("trapped")).toBe(false);
    expect(faultsOfTheirOwn("电梯轿厢里烟味很重 有人在里面吸烟").has("trapped")).toBe(false);
    expect(faultsOfTheirOwn("电梯停了七八天 六楼以上的老人全部困在屋里").has("trapped")).toBe(false);
    expect(faultsOfTheirOwn("南门门禁坏了 好多人被关在外面").has("trapped")).toBe(false);
  });

  it("parts two reports when one says the fault and the other, about the same thing, does not even hint at it", () => {
    expect(faultOfItsOwnOnOneSide("12号楼电梯坏了 不动", "12号楼电梯困人了 里面有人出不来")).toBe(true);
    expect(faultOfItsOwnOnOneSide("僵尸车 3号楼楼下那台蓝色面包车", "3号楼楼下有人把车停在路中央")).toBe(true);
    expect(faultOfItsOwnOnOneSide("电梯里有人抽烟", "电梯里有狗尿")).toBe(true);
    expect(faultOfItsOwnOnOneSide("三栋楼道的灯坏了", "三栋楼道的灯一直亮着 白天都不关")).toBe(true);
    expect(faultOfItsOwnOnOneSide("停电了", "跳闸了 只有我家没电")).toBe(true);
  });

  it("keeps them together when the other side hints at the same fault, or is not about the same thing", () => {
    expect(faultOfItsOwnOnOneSide("2号楼电梯困人了，里面有个老人！", "二号楼电梯里关了个老太太，门打不开")).toBe(false);
    expect(faultOfItsOwnOnOneSide("3栋电梯卡住 有人在里面", "3栋那个电梯 困了人 门打不开")).toBe(false);
    expect(faultOfItsOwnOnOneSide("地库B2有个车一年不动 轮胎没气", "B2车库那个灰白色的车 落满灰 一直占着位置")).toBe(false);
    expect(faultOfItsOwnOnOneSide("电梯里有人抽烟", "电梯里一股烟味 谁在里头抽的")).toBe(false);
    // Smoking parts only two reports about the lift: at a mahjong parlour's door it is a detail of the noise.
    expect(faultOfItsOwnOnOneSide("楼下麻将馆半夜还在吵", "一楼商铺的麻将声 哗啦哗啦到凌晨 门口还有人抽烟聊天")).toBe(false);
  });
});
