/**
 * npm run train [-- --with-corrections] [--data DIR] [--out DIR] [--only category,intent]
 *
 * Trains the category, colour, department, urgency, hazard and intent models from the labelled files in training/ (or --data DIR,
 * laid out the same way), and with --with-corrections also from the 改类/改色 corrections in DATABASE_URL's
 * database, and writes them to models/ (or --out DIR). Training is deterministic: the same data gives
 * byte-identical files.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { serializeModel } from "../src/bot/classifier/linearModel.ts";
import { MODEL_FILE_EXTENSION, packModel } from "../src/bot/classifier/modelFile.ts";
import { BUNDLED_MODEL_DIR, MODEL_NAMES } from "../src/bot/classifier/models.ts";
import { trainModel } from "../src/bot/classifier/train.ts";
import { TEST_WRITERS } from "./training/chatCorpus.ts";
import { OPTIONS, trainingSets, type CorrectionExample } from "./training/recipes.ts";

async function correctionsFromDatabase(): Promise<CorrectionExample[]> {
  if (existsSync(".env")) process.loadEnvFile(".env");
  const { absoluteDatabaseUrl, openDatabase } = await import("../src/store/database.ts");
  const { labelCorrections } = await import("../src/store/corrections.ts");
  const db = openDatabase(absoluteDatabaseUrl(process.env.DATABASE_URL ?? "file:./data/yishi.db"));
  try {
    return (await labelCorrections(db)).map((row) => ({ text: row.text, field: row.field, value: row.toValue }));
  } finally {
    await db.close();
  }
}

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args[at + 1] : undefined;
};
const outDir = option("--out") ?? fileURLToPath(BUNDLED_MODEL_DIR);
const dataDir = option("--data");
const corrections = args.includes("--with-corrections") ? await correctionsFromDatabase() : [];
const sets = trainingSets(corrections, dataDir ? pathToFileURL(`${resolve(dataDir)}/`) : undefined);
mkdirSync(outDir, { recursive: true });
// --only category,intent: retrain those models alone (the others' files are left as they are).
const only = option("--only")?.split(",");
for (const name of MODEL_NAMES) {
  if (only && !only.includes(name)) continue;
  const started = Date.now();
  const model = trainModel(sets[name], OPTIONS[name]);
  const meta = {
    examples: sets[name].length,
    corrections: corrections.filter((row) => row.field === name).length,
    options: OPTIONS[name],
    source:
      name === "department"
        ? `${dataDir ?? "training"}/tipdm2020-department.tsv (train split)`
        : name === "category" || name === "chatCategory" || name === "colour"
          ? `${dataDir ?? "training"}/estate-messages.tsv (train split) + test/fixtures/labelled-messages.json + chat train writers' reports`
          : name === "urgency" || name === "hazard"
            ? `${dataDir ?? "training"}/chat/lines (the first reading's writers, w01–w32)`
            : `${dataDir ?? "training"}/chat/lines (train writers only: not ${TEST_WRITERS.join(", ")})`,
  };
  const file = join(outDir, `${name}${MODEL_FILE_EXTENSION}`);
  writeFileSync(file, packModel(serializeModel(model, meta)));
  console.log(`${name}: ${sets[name].length} examples, ${model.vocabulary.size} grams, ${((Date.now() - started) / 1000).toFixed(1)} s → ${file}`);
}
