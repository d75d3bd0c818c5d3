import { describe, expect, it } from "vitest";
import { ruledDepartment } from "../../src/domain/departments.ts";
import { applyPolicyOverride } from "../../src/domain/policy.ts";

describe("departments by rule (#18)", () => {
  it("map hazards, words and categories with an obvious department before the model guesses", () => {
    expect(ruledDepartment({ text: "电梯困人", hazard: "lift", category: "safety" })).toBe("市场监管");
    expect(ruledDepartment({ text: "煤气味很浓", hazard: "gas", category: "safety" })).toBe("城乡建设");
    expect(ruledDepartment({ text: "楼道起火了", hazard: "fire", category: "safety" })).toBe("应急管理");
    expect(ruledDepartment({ text: "电梯又坏了", hazard: null, category: "repair" })).toBe("市场监管");
    expect(ruledDepartment({ text: "楼下KTV太吵", hazard: null, category: "noise" })).toBe("环境保护");
    expect(ruledDepartment({ text: "想咨询社保", hazard: null, category: "consult" })).toBeNull();
  });

  it("choose only among the departments the deployment knows, as its POLICY_FILE says", () => {
    const policy = applyPolicyOverride({
      departments: { known: ["住建局", "应急局", "卫健局"], byHazard: { lift: ["住建局"] }, byWords: [{ words: "燃气|煤气", departments: ["住建局"] }] },
    }).departments;
    expect(ruledDepartment({ text: "电梯困人", hazard: "lift", category: "safety" }, policy)).toBe("住建局");
    expect(ruledDepartment({ text: "煤气味", hazard: null, category: "safety" }, policy)).toBe("住建局");
    // The default fire rule names 应急管理, which this deployment does not know.
    expect(ruledDepartment({ text: "起火", hazard: "fire", category: "safety" }, policy)).toBeNull();
    expect(() => applyPolicyOverride({ departments: { byWords: [{ words: "(", departments: ["住建局"] }] } })).toThrow();
  });
});
