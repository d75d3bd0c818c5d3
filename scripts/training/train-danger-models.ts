/**
 * tsx scripts/training/train-danger-models.ts [--out DIR]
 *
 * Trains only the urgency and hazard models (what `npm run train` writes for them, byte for byte), so that a
 * round of the danger reading can be retrained without rewriting the other four models.
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { serializeModel } from "../../src/bot/classifier/linearModel.ts";
import { BUNDLED_MODEL_DIR } from "../../src/bot/classifier/models.ts";
import { trainModel } from "../../src/bot/classifier/train.ts";
import { TEST_WRITERS } from "./chatCorpus.ts";
import { OPTIONS, trainingSets } from "./recipes.ts";

const at = process.argv.indexOf("--out");
const outDir = at >= 0 ? process.argv[at + 1]! : fileURLToPath(BUNDLED_MODEL_DIR);
const sets = trainingSets([]);
mkdirSync(outDir, { recursive: true });
for (const name of ["urgency", "hazard"] as const) {
  const started = Date.now();
  const model = trainModel(sets[name], OPTIONS[name]);
  const meta = { examples: sets[name].length, corrections: 0, options: OPTIONS[name], source: `training/chat/lines (train writers only: not ${TEST_WRITERS.join(", ")})` };
  const file = join(outDir, `${name}.json`);
  writeFileSync(file, `${JSON.stringify(serializeModel(model, meta))}\n`);
  console.log(`${name}: ${sets[name].length} examples, ${model.vocabulary.size} grams, ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}`);
}
