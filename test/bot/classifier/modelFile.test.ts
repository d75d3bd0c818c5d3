import { describe, expect, it } from "vitest";
import { deserializeModel, labelProbabilities, MODEL_FORMAT, serializeModel } from "../../../src/bot/classifier/linearModel.ts";
import { packModel, readModelFile, unpackModel } from "../../../src/bot/classifier/modelFile.ts";
import { trainModel } from "../../../src/bot/classifier/train.ts";
import { TINY_CATEGORY_EXAMPLES } from "../../helpers/tinyExamples.ts";

const examples = [
  ...TINY_CATEGORY_EXAMPLES,
  // A gram beyond the Basic Multilingual Plane is kept by its text (gramTable.ts): it must survive the file too.
  { text: "𠮶只狗天天叫", label: "noise" },
];
const stored = serializeModel(trainModel(examples, { task: "category", minDocumentFrequency: 1, epochs: 20 }), { examples: examples.length, source: "测试" });

describe("the compact model file", () => {
  it("gives back exactly the stored model it was made of", () => {
    expect(unpackModel(packModel(stored))).toStrictEqual(stored);
  });

  it("reads every text as the JSON of the same model does, to the last bit", () => {
    const fromJson = deserializeModel(JSON.parse(JSON.stringify(stored)));
    const fromFile = readModelFile(packModel(stored));
    for (const text of ["3号楼电梯又坏了", "楼上太吵", "𠮶只狗", "完全没见过的字", ""]) {
      expect([...labelProbabilities(fromFile, text)]).toEqual([...labelProbabilities(fromJson, text)]);
    }
  });

  it("is smaller than the JSON", () => {
    expect(packModel(stored).length).toBeLessThan(JSON.stringify(stored).length);
  });

  it("is the same bytes for the same model", () => {
    expect(packModel(stored).equals(packModel(JSON.parse(JSON.stringify(stored))))).toBe(true);
  });

  it("refuses a file of another format, or one whose weights do not fit its grams", () => {
    expect(() => readModelFile(packModel({ ...stored, format: "other" as typeof MODEL_FORMAT }))).toThrow(/unknown model format/);
    expect(() => readModelFile(packModel({ ...stored, labels: ["repair"] }))).toThrow(/do not match/);
  });
});
