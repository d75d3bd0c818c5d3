import { describe, expect, it } from "vitest";
import { estateOf, wordsOf } from "../../../src/features/open311/intake.ts";
import { UnitTree } from "../../../src/domain/units.ts";

const units = new UnitTree([
  { id: "jd", name: "城关街道", level: "subdistrict", parentId: null },
  { id: "sq", name: "幸福社区", level: "community", parentId: "jd" },
  { id: "yg", name: "阳光花园", level: "estate", parentId: "sq" },
  { id: "yg2", name: "阳光花园二期", level: "estate", parentId: "sq" },
  { id: "lj", name: "丽景苑", level: "estate", parentId: "sq" },
]);

describe("the estate an Open311 report names", () => {
  it("is the estate parameter (id or name) within the key's units", () => {
    expect(estateOf(units, { unitId: "jd" }, { estate: "lj", addressString: null }).id).toBe("lj");
    expect(estateOf(units, { unitId: "jd" }, { estate: "丽景苑", addressString: "阳光花园" }).id).toBe("lj");
    expect(() => estateOf(units, { unitId: "lj" }, { estate: "阳光花园", addressString: null })).toThrow("本密钥的管辖范围内没有小区「阳光花园」");
  });

  it("is otherwise the one estate whose name the address holds (the longest), or the key's only estate", () => {
    expect(estateOf(units, { unitId: "jd" }, { estate: null, addressString: "阳光花园二期5号楼" }).id).toBe("yg2");
    expect(estateOf(units, { unitId: "jd" }, { estate: null, addressString: "阳光花园5号楼" }).id).toBe("yg");
    expect(estateOf(units, { unitId: "lj" }, { estate: null, addressString: null }).id).toBe("lj");
    expect(() => estateOf(units, { unitId: "jd" }, { estate: null, addressString: "丽景苑和阳光花园之间" })).toThrow("不止一个");
    expect(() => estateOf(units, { unitId: "jd" }, { estate: null, addressString: "城关镇" })).toThrow("无法确定是哪个小区");
  });

  it("reads the address on a line of its own after the description", () => {
    expect(wordsOf({ description: " 灯坏了 ", addressString: "阳光花园3号楼" })).toBe("灯坏了\n地点：阳光花园3号楼");
    expect(wordsOf({ description: "灯坏了", addressString: null })).toBe("灯坏了");
  });
});
