import { mkdtempSync, readdirSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { afterEach, describe, expect, it } from "vitest";
import { predict } from "../../../src/bot/classifier/linearModel.ts";
import { trainedOnce } from "../../../scripts/training/chatFolds.ts";

const OPTIONS = { task: "urgency", algorithm: "logistic", epochs: 5, minDocumentFrequency: 1, labels: ["red", "none"] } as const;
const EXAMPLES = [
  { text: "电梯困人了 快来", label: "red" },
  { text: "楼道着火了 好大的烟", label: "red" },
  { text: "楼道灯不亮", label: "none" },
  { text: "垃圾没人收", label: "none" },
];

describe("the leave-one-writer-out folds' models, trained once", () => {
  const dirs: string[] = [];
  const cacheDir = () => {
    const dir = mkdtempSync(join(tmpdir(), "chat-folds-"));
    dirs.push(dir);
    return pathToFileURL(`${dir}/`);
  };
  afterEach(() => dirs.splice(0).forEach((dir) => rmSync(dir, { recursive: true, force: true })));

  it("read back from the cache with exactly the weights they were trained with", () => {
    const dir = cacheDir();
    const trained = trainedOnce(EXAMPLES, OPTIONS, dir);
    expect(readdirSync(dir)).toHaveLength(1);
    const cached = trainedOnce(EXAMPLES, OPTIONS, dir);
    expect(cached).not.toBe(trained);
    expect([...cached.weights]).toEqual([...trained.weights]);
    expect([...cached.bias]).toEqual([...trained.bias]);
    for (const text of ["电梯困人", "灯不亮了"]) expect(predict(cached, text).ranked).toEqual(predict(trained, text).ranked);
  });

  it("train anew when the examples change", () => {
    const dir = cacheDir();
    trainedOnce(EXAMPLES, OPTIONS, dir);
    trainedOnce([...EXAMPLES, { text: "有人晕倒了", label: "red" }], OPTIONS, dir);
    expect(readdirSync(dir)).toHaveLength(2);
  });
});
