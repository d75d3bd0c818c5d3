import { describe, expect, it } from "vitest";
import { chargingWaysOf, drainsOf, leakSourcesOf, noiseSourcesOf, noiseTimesOf, powerScopesOf, shopsOf } from "../../src/text/kindsOfMatter.ts";
import { conceptsOf, conditionsOf, fittingsOf, namedFittingsOf, partsOf } from "../../src/text/concepts.ts";

describe("kinds of one matter", () => {
  it("reads what makes a noise", () => {
    expect([...noiseSourcesOf("楼上装修电钻从早响到晚")]).toEqual(["renovation"]);
    expect([...noiseSourcesOf("楼上的小孩跑来跑去 咚咚咚的")]).toEqual(["children"]);
    expect([...noiseSourcesOf("楼上天天晚上拉桌子 咯吱咯吱的")]).toEqual(["furniture"]);
    expect([...noiseSourcesOf("篮球场晚上打球哐哐响")]).toEqual(["ballGames"]);
    expect(noiseSourcesOf("太吵了").size).toBe(0);
    expect([...noiseSourcesOf("楼上半夜冲马桶")]).toEqual(["toilet"]);
    expect([...noiseSourcesOf("隔壁天天练琴")]).toEqual(["instrument"]);
    expect([...noiseSourcesOf("一楼麻将馆半夜还在打")]).toEqual(["mahjong"]);
  });

  it("reads how far a power cut reaches: the whole building or one's own flat", () => {
    expect([...powerScopesOf("3号楼整栋停电了")]).toEqual(["building"]);
    expect([...powerScopesOf("就我家没电 别人家有电")]).toEqual(["ownFlat"]);
    expect(powerScopesOf("停电了").size).toBe(0);
  });

  it("reads how a bike is charged: a lead from a window, indoors, or both", () => {
    expect([...chargingWaysOf("有人从6楼拉电线下来给电动车充电")]).toEqual(["leadFromWindow"]);
    expect([...chargingWaysOf("有人把电动车推进电梯带回家充电")]).toEqual(["bikeIndoors"]);
    expect(chargingWaysOf("楼道里有人给电动车充电 线从窗户吊下来").size).toBe(2);
  });
});

describe("where a leak comes from", () => {
  it("reads the flat above, the roof and one's own pipes, the flat above named first", () => {
    expect([...leakSourcesOf("楼上漏水到我家")]).toEqual(["flatAbove"]);
    expect([...leakSourcesOf("屋顶漏水 顶楼下雨就滴")]).toEqual(["roof"]);
    expect([...leakSourcesOf("我家厨房水管漏 水滴到楼下人家天花板")]).toEqual(["ownPipes"]);
    // 屋顶 said of one's ceiling, beside the flat above that leaks through it.
    expect([...leakSourcesOf("三零二卫生间屋顶渗水 肯定是楼上四零二的管子")]).toEqual(["flatAbove"]);
    // A building's top (六号楼上面那个水箱) is not the flat above.
    expect(leakSourcesOf("六号楼上面那个水箱盖子没了").size).toBe(0);
  });
});

describe("drains, shops and the time of a noise", () => {
  it("reads which drain: a septic tank, the sewer (a floor drain is its mouth) or a rain gully", () => {
    expect([...drainsOf("后院化粪池满了往外冒")]).toEqual(["septicTank"]);
    expect([...drainsOf("卫生间地漏返臭")]).toEqual(["sewer"]);
    expect([...drainsOf("门口雨水井堵了")]).toEqual(["rainDrain"]);
  });

  it("reads which shop or stall", () => {
    expect([...shopsOf("楼下烧烤店油烟大")]).toEqual(["barbecue"]);
    expect([...shopsOf("门口卖水果的摊子占道")]).toEqual(["fruit"]);
    expect(shopsOf("门口摆摊占道").size).toBe(0);
  });

  it("reads when a noise is made: at dawn or late at night", () => {
    expect([...noiseTimesOf("早上六点就开始打桩")]).toEqual(["dawn"]);
    expect([...noiseTimesOf("半夜还在跳")]).toEqual(["night"]);
    expect(noiseTimesOf("天天都吵").size).toBe(0);
  });
});

describe("things, faults and parts the matching reads", () => {
  it("takes a lamp out in the open for a street light, not one in a stairwell or garage", () => {
    expect(conceptsOf("小广场那几个灯黑起的").has("streetLight")).toBe(true);
    expect(conceptsOf("3号楼楼道灯不亮").has("streetLight")).toBe(false);
    expect(conceptsOf("地下车库的灯一半不亮").has("streetLight")).toBe(false);
  });

  it("tells a parking space's title from the flat's, and a barrier stuck up from one stuck down", () => {
    expect(conceptsOf("俺家车位买了五年产权证不给办").has("deed")).toBe(false);
    expect(conceptsOf("开发商拖了三年房产证办不下来").has("deed")).toBe(true);
    expect([...conditionsOf("东门道闸一直抬着放不下")]).toEqual(["wontClose"]);
    expect([...conditionsOf("东门道闸抬不起来")]).toEqual(["stuck"]);
  });

  it("reads clutter piled up as what blocks the way, and money taken for nothing as its own fault", () => {
    expect([...conditionsOf("楼道堆满纸箱")].sort()).toEqual(["occupied", "uncollected"]);
    expect(conditionsOf("扫码扣了钱 电没充上").has("charged")).toBe(true);
  });

  it("names one's own parking space apart from the visitors' spaces", () => {
    expect([...partsOf("我的车位被人占了")]).toEqual(["ownSpace"]);
    expect([...partsOf("访客车位被业主长期占用")]).toEqual(["visitorSpaces"]);
  });

  it("reads fittings that are a matter of their own, and those that part only from another named", () => {
    expect([...fittingsOf("楼顶太阳能管子漏水")]).toEqual(["solarHeater"]);
    expect([...fittingsOf("车库排风扇不转")]).toEqual(["fan"]);
    expect(fittingsOf("单元门闭门器坏了").size).toBe(0);
    expect([...namedFittingsOf("单元门闭门器坏了")]).toEqual(["doorCloser"]);
  });

  it("reads a car standing in a parking space as the space taken", () => {
    expect(conditionsOf("我的车位今天又有别人的车停在上面").has("occupied")).toBe(true);
    expect(conditionsOf("我的车位今天又有别人的车停在上面").has("stuck")).toBe(false);
    expect(conditionsOf("电梯停在五楼").has("stuck")).toBe(true);
  });
});
