import { describe, expect, it } from "vitest";
import { chargingWaysOf, noiseSourcesOf, powerScopesOf } from "../../src/text/kindsOfMatter.ts";
import { conceptsOf, conditionsOf, partsOf } from "../../src/text/concepts.ts";

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
});
