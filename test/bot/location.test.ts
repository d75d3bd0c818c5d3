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
    ["小区东门垃圾", {}],
    // A room straight after the building: 6号楼302 is room 302, not building 302.
    ["6号楼302漏水了", { building: "6", room: "302", text: "6号楼302室" }],
    ["12号楼301 楼上太吵了", { building: "12", room: "301", text: "12号楼301室" }],
    ["5栋1502厨房水管漏水", { building: "5", room: "1502", text: "5号楼1502室" }],
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
