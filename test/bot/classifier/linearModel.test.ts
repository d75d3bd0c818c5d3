import { describe, expect, it } from "vitest";
import { charGrams, normalizeForFeatures } from "../../../src/bot/classifier/features.ts";
import { deserializeModel, MODEL_FORMAT, predict, serializeModel } from "../../../src/bot/classifier/linearModel.ts";
import { trainModel } from "../../../src/bot/classifier/train.ts";
import { TINY_CATEGORY_EXAMPLES } from "../../helpers/tinyExamples.ts";

const examples = TINY_CATEGORY_EXAMPLES;

describe("character n-gram features", () => {
  it("read segmented and typed text alike: spaces, punctuation and digits do not matter", () => {
    expect(normalizeForFeatures("水管 漏水！3号楼")).toBe(normalizeForFeatures("水管漏水，5号楼"));
    expect(normalizeForFeatures("ＡＢ１２")).toBe("ab0");
  });

  it("count every gram of one to three characters", () => {
    expect([...charGrams("漏水了").entries()]).toEqual([
      ["漏", 1],
      ["漏水", 1],
      ["漏水了", 1],
      ["水", 1],
      ["水了", 1],
      ["了", 1],
    ]);
  });
});

describe("the linear model", () => {
  const options = { task: "category", minDocumentFrequency: 1, epochs: 20 };

  it("learns the labels of its examples and ranks every label", () => {
    const model = trainModel(examples, options);
    expect(predict(model, "2号楼电梯又坏了").label).toBe("repair");
    expect(predict(model, "楼上太吵").label).toBe("noise");
    const ranked = predict(model, "漏水").ranked;
    expect(ranked.map((entry) => entry.label).sort()).toEqual(["noise", "repair"]);
    expect(ranked.reduce((sum, entry) => sum + entry.probability, 0)).toBeCloseTo(1, 6);
  });

  it("trains deterministically: the same examples give the same file", () => {
    const first = JSON.stringify(serializeModel(trainModel(examples, options), {}));
    const second = JSON.stringify(serializeModel(trainModel(examples, options), {}));
    expect(first).toBe(second);
  });

  it("survives the committed file format with the same answers", () => {
    const model = trainModel(examples, options);
    const stored = serializeModel(model, { examples: examples.length });
    expect(stored.format).toBe(MODEL_FORMAT);
    const loaded = deserializeModel(JSON.parse(JSON.stringify(stored)));
    for (const text of ["电梯坏了", "太吵了", "漏水"]) expect(predict(loaded, text).label).toBe(predict(model, text).label);
  });

  it("refuses a file of another format or with weights that do not fit", () => {
    const stored = serializeModel(trainModel(examples, options), {});
    expect(() => deserializeModel({ ...stored, format: "other" as typeof MODEL_FORMAT })).toThrow(/unknown model format/);
    expect(() => deserializeModel({ ...stored, labels: ["repair"] })).toThrow(/do not match/);
  });

  it("weighs classes alike when asked, so a rare class is not drowned by a common one", () => {
    const skewed = [...examples.filter((e) => e.label === "repair"), ...Array.from({ length: 30 }, () => ({ text: "太吵了 真吵", label: "noise" }))];
    const plain = predict(trainModel(skewed, options), "灯坏了").ranked.find((entry) => entry.label === "repair")!.probability;
    const balanced = predict(trainModel(skewed, { ...options, balanced: true }), "灯坏了").ranked.find((entry) => entry.label === "repair")!.probability;
    expect(balanced).toBeGreaterThan(plain);
  });
});
