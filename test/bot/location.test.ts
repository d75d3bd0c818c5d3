import { describe, expect, it } from "vitest";
import { extractLocation } from "../../src/bot/location.ts";
import { parseNumeral } from "../../src/text/numerals.ts";

describe("location extraction", () => {
  it.each([
    ["3号楼2单元301室卫生间漏水", { building: "3", unitNo: "2", room: "301", text: "3号楼2单元301室" }],
    ["十二栋三单元楼道灯", { building: "12", unitNo: "3", text: "12号楼3单元" }],
    ["8#楼1单元1202", { building: "8", unitNo: "1", room: "1202", text: "8号楼1单元1202室" }],
    ["3-2-501 楼上吵", { building: "3", unitNo: "2", room: "501", text: "3号楼2单元501室" }],
    ["二十一幢门口", { building: "21", text: "21号楼" }],
    ["六号楼二单元幺零二", { building: "6", unitNo: "2", room: "102", text: "6号楼2单元102室" }],
    ["住3楼，楼道灯坏了", {}],
    // The ground floor, not building 1: 一楼那家, 1楼楼梯间, 一楼院子.
    ["一楼那家圈了公共绿地种菜搭棚", {}],
    ["1楼楼梯间停了好几辆电瓶车", {}],
    ["一楼院子里返脏水", {}],
    // Issue 18 changes this one: a gate is a place now (it was read as no location).
    ["小区东门垃圾", { spot: "东门", text: "东门" }],
    // A room straight after the building: 6号楼302 is room 302, not building 302.
    ["6号楼302漏水了", { building: "6", room: "302", text: "6号楼302室" }],
    ["12号楼301 楼上太吵了", { building: "12", room: "301", text: "12号楼301室" }],
    ["5栋1502厨房水管漏水", { building: "5", room: "1502", text: "5号楼1502室" }],
  ])("reads %s", (text, expected) => {
    expect(extractLocation(text)).toEqual(expected);
  });
});

describe("places besides buildings (gates, garages, zones, phases)", () => {
  it.each([
    ["小区东门垃圾桶满了", { spot: "东门", text: "东门" }],
    ["南大门保安又不在", { spot: "南门", text: "南门" }],
    ["正门口的道闸抬不起来", { spot: "正门", text: "正门" }],
    ["侧门锁坏了", { spot: "侧门", text: "侧门" }],
    ["地下车库入口积水很深", { spot: "地下车库入口", text: "地下车库入口" }],
    ["地下车库的出口道闸坏了", { spot: "地下车库出口", text: "地下车库出口" }],
    ["车库B区的灯全黑了", { spot: "车库B区", text: "车库B区" }],
    ["B区5栋楼道灯坏了", { zone: "B区", building: "5", text: "B区5号楼" }],
    ["a区3号楼电梯坏了", { zone: "A区", building: "3", text: "A区3号楼" }],
    ["二期B区5栋2单元301漏水", { phase: "二期", zone: "B区", building: "5", unitNo: "2", room: "301", text: "二期B区5号楼2单元301室" }],
    ["一期北门的垃圾没人清", { phase: "一期", spot: "北门", text: "一期北门" }],
  ])("keeps %s", (text, expected) => {
    expect(extractLocation(text)).toEqual(expected);
  });

  it.each(["西门子冰箱坏了找谁修", "门禁坏了", "分12期付款的事", "第一期议事会什么时候开", "这个期间停水", "小区大门口"])("reads no place in %s", (text) => {
    expect(extractLocation(text)).toEqual({});
  });
});

describe("phone numbers are never places", () => {
  it.each([
    ["@议事助手 3号楼楼道灯坏了 电话138-1234-5678", { building: "3", text: "3号楼" }],
    ["3号楼楼道灯坏了 电话138 1234 5678", { building: "3", text: "3号楼" }],
    ["5栋漏水 联系0539-1234567", { building: "5", text: "5号楼" }],
    ["3-2-501 楼上吵 电话+86 139-8765-4321", { building: "3", unitNo: "2", room: "501", text: "3号楼2单元501室" }],
    ["8号楼 电话一三八一二三四五六七八", { building: "8", text: "8号楼" }],
    ["电话010-12345678 门禁坏了", {}],
    ["@议事助手 6号楼楼道灯坏了 有事打400-123-4567", { building: "6", text: "6号楼" }],
    ["26号楼楼道灯坏了 电话400-123-4567", { building: "26", text: "26号楼" }],
    ["6号楼漏水 物业热线400 123 4567", { building: "6", text: "6号楼" }],
    ["6号楼漏水 热线800-123-4567", { building: "6", text: "6号楼" }],
    ["6号楼漏水 电话138.1234.5678", { building: "6", text: "6号楼" }],
    ["6号楼漏水 电话138/1234/5678", { building: "6", text: "6号楼" }],
    ["6号楼漏水 电话壹叁捌壹贰叁肆伍陆柒捌", { building: "6", text: "6号楼" }],
  ])("reads %s", (text, expected) => {
    expect(extractLocation(text)).toEqual(expected);
  });
});

describe("Chinese numerals", () => {
  it.each([
    ["12", 12],
    ["十", 10],
    ["十二", 12],
    ["二十", 20],
    ["二十一", 21],
    ["一百零一", 101],
    ["两", 2],
    ["三零一", 301],
  ])("reads %s as %i", (text, value) => {
    expect(parseNumeral(text)).toBe(value);
  });

  it("rejects what is not a numeral", () => {
    expect(parseNumeral("三楼")).toBeUndefined();
    expect(parseNumeral("")).toBeUndefined();
  });
});
