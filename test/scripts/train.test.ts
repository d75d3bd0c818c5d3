import { execFile } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, describe, expect, it } from "vitest";
import { deserializeModel, MODEL_FORMAT, predict } from "../../src/bot/classifier/linearModel.ts";
import { unpackModel } from "../../src/bot/classifier/modelFile.ts";
import { loadModels, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { estateExamples } from "../../scripts/training/recipes.ts";
import { recordLabelCorrection } from "../../src/store/corrections.ts";
import { createTestDatabase } from "../helpers/testDatabase.ts";
import { inTransaction } from "../../src/store/database.ts";

const run = promisify(execFile);
const root = fileURLToPath(new URL("../../", import.meta.url));
const tsx = join(root, "node_modules", ".bin", "tsx");
const tiny = fileURLToPath(new URL("../fixtures/training-tiny/", import.meta.url));
const out = mkdtempSync(join(tmpdir(), "yishi-train-"));
afterAll(() => rmSync(out, { recursive: true, force: true }));

describe("npm run train", () => {
  it("trains the three models from a data folder into the committed format, the same bytes twice", async () => {
    await run(tsx, ["scripts/train.ts", "--data", tiny, "--out", join(out, "a")], { cwd: root });
    await run(tsx, ["scripts/train.ts", "--data", tiny, "--out", join(out, "b")], { cwd: root });
    for (const name of MODEL_NAMES) {
      const first = readFileSync(join(out, "a", `${name}.model`));
      expect(readFileSync(join(out, "b", `${name}.model`)).equals(first)).toBe(true);
      const stored = unpackModel(first);
      expect(stored).toMatchObject({ format: MODEL_FORMAT, task: name, maxGram: 3 });
      expect(stored.meta).toMatchObject({ examples: expect.any(Number) });
      deserializeModel(stored);
    }
    // The folder loads as a deployment's MODEL_DIR would, and the models learnt the tiny data.
    const models = loadModels(join(out, "a"));
    expect(predict(models.category, "电梯坏了").label).toBe("repair");
    expect(predict(models.chatCategory, "电梯坏了").label).toBe("repair");
    expect(predict(models.department, "学校收费").label).toBe("教育文体");
    expect([...models.colour.labels].sort()).toEqual(["blue", "orange", "yellow"]);
  }, 60_000);
});

describe("npm run train -- --with-corrections", () => {
  it("adds the staff corrections kept in DATABASE_URL's database to the training examples", async () => {
    const database = await createTestDatabase({ seed: false });
    try {
      await inTransaction(database.db, async (tx) => {
        await recordLabelCorrection(tx, {
          ticketNumber: 1,
          field: "category",
          fromValue: "noise",
          toValue: "neighbor",
          text: "楼上天天拖椅子",
          actorId: "u-li",
          at: new Date(),
        });
        await recordLabelCorrection(tx, {
          ticketNumber: 1,
          field: "colour",
          fromValue: "yellow",
          toValue: "orange",
          text: "楼上天天拖椅子",
          actorId: "u-li",
          at: new Date(),
        });
      });
      await run(tsx, ["scripts/train.ts", "--with-corrections", "--data", tiny, "--out", join(out, "c")], {
        cwd: root,
        env: { ...process.env, DATABASE_URL: database.url },
      });
      const category = unpackModel(readFileSync(join(out, "c", "category.model")));
      const plain = unpackModel(readFileSync(join(out, "a", "category.model")));
      expect(category.meta).toMatchObject({ corrections: 1, examples: (plain.meta.examples as number) + 3 });
      expect(predict(deserializeModel(category), "楼上天天拖椅子").label).toBe("neighbor");
    } finally {
      await database.close();
    }
  }, 60_000);
});

describe("training examples", () => {
  it("take each letter whole and its title alone, and weigh staff corrections three times", () => {
    const rows = [{ key: "k", split: "train" as const, category: "noise", colour: "yellow", title: "楼下太吵", text: "楼下太吵。每天晚上装修" }];
    const corrections = [{ text: "@议事助手 楼上拖椅子", field: "category" as const, value: "neighbor" }];
    const examples = estateExamples("category", rows, corrections);
    expect(examples.filter((example) => example.text === "楼上拖椅子")).toHaveLength(3);
    expect(examples).toEqual(
      expect.arrayContaining([
        { text: "楼下太吵", label: "noise" },
        { text: "楼下太吵。每天晚上装修", label: "noise" },
      ]),
    );
    // Red is never a colour model's label: urgency is read by rules.
    expect(estateExamples("colour", [{ ...rows[0]!, colour: "red" }]).some((example) => example.label === "red")).toBe(false);
  });
});
