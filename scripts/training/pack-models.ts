/**
 * tsx scripts/training/pack-models.ts [DIR]
 *
 * Rewrites each model of DIR (models/ by default) written as JSON (`<name>.json`, before the nineteenth round) as
 * its compact file (`<name>.model`, modelFile.ts), and removes the JSON. It first checks that the file gives back
 * the stored model exactly and that the model read from it gives every probability, to the last bit, for every
 * train text (the chat corpus's train writers' lines, the letters' train split in full and by title): nothing
 * is written unless all are the same.
 */
import { existsSync, readFileSync, rmSync, statSync, writeFileSync } from "node:fs";
import { isDeepStrictEqual } from "node:util";
import { fileURLToPath } from "node:url";
import { join, resolve } from "node:path";
import { deserializeModel, labelProbabilities, type StoredModel } from "../../src/bot/classifier/linearModel.ts";
import { MODEL_FILE_EXTENSION, packModel, readModelFile, unpackModel } from "../../src/bot/classifier/modelFile.ts";
import { BUNDLED_MODEL_DIR, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { chatSplit } from "./chatCorpus.ts";
import { estateRows } from "./corpus.ts";
import { chatText } from "./recipes.ts";

const dir = process.argv[2] ? resolve(process.argv[2]) : fileURLToPath(BUNDLED_MODEL_DIR);
const letters = estateRows().filter((row) => row.split === "train");
const texts = [...chatSplit().train.lines.map(chatText), ...letters.map((row) => row.text), ...letters.map((row) => row.title)];

for (const name of MODEL_NAMES) {
  const json = join(dir, `${name}.json`);
  if (!existsSync(json)) continue;
  const stored = JSON.parse(readFileSync(json, "utf8")) as StoredModel;
  const packed = packModel(stored);
  if (!isDeepStrictEqual(unpackModel(packed), stored)) throw new Error(`${name}: the packed file does not give the stored model back`);
  const before = deserializeModel(stored);
  const after = readModelFile(packed);
  let changed = 0;
  for (const text of texts) if (!isDeepStrictEqual(labelProbabilities(before, text), labelProbabilities(after, text))) changed += 1;
  if (changed > 0) throw new Error(`${name}: ${changed} of ${texts.length} texts read otherwise`);
  writeFileSync(join(dir, `${name}${MODEL_FILE_EXTENSION}`), packed);
  console.log(`${name}: ${statSync(json).size} → ${packed.length} bytes, ${texts.length} train texts read the same to the last bit`);
  rmSync(json);
}
