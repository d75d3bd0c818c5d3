import { describe, expect, it } from "vitest";
import { charGrams, vectorize, type SparseVector } from "../../../src/bot/classifier/features.ts";
import { deserializeModel, predict, serializeModel, type LinearModel } from "../../../src/bot/classifier/linearModel.ts";
import { bundledModels, MODEL_NAMES } from "../../../src/bot/classifier/models.ts";
import { chatLines } from "../../../scripts/training/chatCorpus.ts";
import { estateRows } from "../../../scripts/training/corpus.ts";

/** The model's input as it was first written: every gram of charGrams looked up in the vocabulary Map. */
function vectorizeByMap(text: string, vocabulary: ReadonlyMap<string, number>, maxGram: number): SparseVector {
  const entries: [number, number][] = [];
  let norm = 0;
  for (const [gram, count] of charGrams(text, maxGram)) {
    const index = vocabulary.get(gram);
    if (index === undefined) continue;
    const value = 1 + Math.log(count);
    entries.push([index, value]);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  return { indices: Int32Array.from(entries.map(([index]) => index)), values: Float64Array.from(entries.map(([, value]) => value * scale)) };
}

// Astral characters (𠮷, emoji kept by NFKC as letters are not), full-width forms, digits, repeats, Latin.
const ODD_TEXTS = ["𠮷野家门口𠮷𠮷漏水", "ＡＢ１２ 电梯 电梯 电梯", "a", "", "！！！", "漏水漏水漏水漏水", "3号楼302 水管爆了 ok OK", "🔥着火了🔥"];

describe("the features the models read", () => {
  it("are the same numbers, in the same order, as looking each gram up in the vocabulary", () => {
    const vocabulary = new Map(
      ["漏", "漏水", "水", "电梯", "梯", "0", "ab", "𠮷", "𠮷野", "𠮷野家", "野家门口", "ok", "着火了", "火"].map((gram, i) => [gram, i * 3]),
    );
    for (const maxGram of [1, 2, 3, 4]) {
      for (const text of ODD_TEXTS) expect(vectorize(text, vocabulary, maxGram), `${text} (${maxGram})`).toEqual(vectorizeByMap(text, vocabulary, maxGram));
    }
  });

  it("read a model from its file as from the Map it was trained with", () => {
    const trained: LinearModel = {
      task: "test",
      labels: ["a", "b"],
      maxGram: 3,
      vocabulary: new Map(["漏", "漏水", "𠮷", "𠮷野", "电梯坏", "ok"].map((gram, i) => [gram, i])),
      weights: Float32Array.from([0.5, -0.5, 1, -1, 0.25, 0.75, -0.3, 0.3, 0.9, 0.1, 0.2, -0.2]),
      bias: Float32Array.from([0.1, -0.1]),
    };
    const loaded = deserializeModel(JSON.parse(JSON.stringify(serializeModel(trained, {}))));
    expect([...loaded.vocabulary.entries()]).toEqual([...trained.vocabulary.entries()]);
    for (const text of [...ODD_TEXTS, "电梯坏了 漏水"]) {
      expect(vectorize(text, loaded.vocabulary, 3)).toEqual(vectorizeByMap(text, trained.vocabulary, 3));
    }
  });

  it("give the bundled models the same scores as the vocabulary Map on real chat lines and letters", () => {
    const models = bundledModels();
    const lines = chatLines().filter((_, i) => i % 200 === 0);
    const letters = estateRows().filter((_, i) => i % 400 === 0);
    const texts = [...lines.map((line) => line.text), ...letters.map((row) => row.text)];
    expect(texts.length).toBeGreaterThan(40);
    for (const name of MODEL_NAMES) {
      const model = models[name];
      const byMap = new Map(model.vocabulary);
      for (const text of texts) {
        const vector = vectorize(text, model.vocabulary, model.maxGram);
        const expected = vectorizeByMap(text, byMap, model.maxGram);
        expect([...vector.indices], `${name}: ${text}`).toEqual([...expected.indices]);
        expect([...vector.values], `${name}: ${text}`).toEqual([...expected.values]);
      }
      expect(predict(model, texts[0]!).ranked.length).toBe(model.labels.length);
    }
  });
});
