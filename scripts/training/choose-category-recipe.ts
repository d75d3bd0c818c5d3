/**
 * tsx scripts/training/choose-category-recipe.ts [--recipes before,all,…] [--colour]
 *
 * How the category (and colour) model's recipe is chosen, on writers it was not trained on (never the test
 * writers). A category model trains for minutes (the real letters are long), too slow for eighteen folds on a
 * shared machine, so the folds are two groups of the train writers written after the second round (w17–w32):
 * each group is read by a model trained on the real letters, the ten earlier writers and the other group
 * ("before": the ten earlier writers only, as the committed model was trained). One letter in five of the
 * letters' train split is kept out of every training and read too, so a recipe that helps chat at the letters'
 * expense shows it (the letters' test split is `npm run evaluate`'s, not this script's). The danger reading is
 * the committed one, which never saw these writers either.
 */
import { predict } from "../../src/bot/classifier/linearModel.ts";
import type { Example } from "../../src/bot/classifier/train.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { readReport } from "../../src/bot/understand.ts";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { trainedOnce } from "./chatFolds.ts";
import { chatSplit } from "./chatCorpus.ts";
import { estateRows, stableHash } from "./corpus.ts";
import { chatReportExamples, chatText, estateExamples, OPTIONS } from "./recipes.ts";

type Field = "category" | "colour";
const field: Field = process.argv.includes("--colour") ? "colour" : "category";

/** The later train writers in two groups, each mixing focused (danger) and ordinary briefs. */
const GROUPS = [
  ["w17", "w21", "w29", "w31"],
  ["w18", "w22", "w30", "w32"],
];
const LATER_WRITERS = GROUPS.flat();

const estate = estateRows().filter((row) => row.split === "train");
const isValidation = (text: string) => stableHash(`validation:${text}`) % 5 === 0;
const letters = estate.filter((row) => !isValidation(row.text));
const validation = estate.filter((row) => isValidation(row.text) && row[field] && (field === "category" || row.colour !== "red"));

const { train } = chatSplit();
const chatOf = (keep: (writer: string) => boolean) => chatReportExamples(field, train.lines.filter((line) => keep(line.writer)));
const earlier = (writer: string) => !LATER_WRITERS.includes(writer);
const base = OPTIONS[field];

interface Recipe {
  /** The training examples when `heldOut` is read. */
  examples: (heldOut: readonly string[]) => Example[];
  options: typeof base;
}
const everyoneBut = (heldOut: readonly string[]) => chatOf((writer) => !heldOut.includes(writer));
const RECIPES: Record<string, Recipe> = {
  before: { examples: () => [...estateExamples(field, letters), ...chatOf(earlier)], options: base },
  all: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: base },
  // The chat reports twice: chat lines are what the bot reads; the letters are long and from elsewhere.
  chatTwice: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut), ...everyoneBut(heldOut)], options: base },
};

const asked = process.argv.indexOf("--recipes");
const names = asked >= 0 ? (process.argv[asked + 1] ?? "").split(",") : ["before", "all"];
const confidences = field === "category" ? [0, 0.2, 0.25, 0.3, 0.35, 0.4] : [0.5, 0.7, 0.8, 0.9, 0.95, 1.01];
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;
const committed = bundledModels();

for (const name of names) {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`unknown recipe ${name}: ${Object.keys(RECIPES).join(", ")}`);
  const right = new Map<number, number>(confidences.map((c) => [c, 0]));
  const byLabel = new Map<string, { n: number; right: number }>();
  let reports = 0;
  let lettersRight = 0;
  let lettersRead = 0;
  for (const group of GROUPS) {
    const started = Date.now();
    const model = trainedOnce(recipe.examples(group), { ...recipe.options, task: field });
    console.error(`${name}, read ${group.join(" ")}: trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    const models = { ...committed, [field]: model };
    const lines = train.lines.filter((line) => group.includes(line.writer) && line.intent === "report" && line.urgency !== "red" && line[field]);
    for (const line of lines) {
      const text = chatText(line);
      reports += 1;
      for (const confidence of confidences) {
        const thresholds = field === "category" ? { categoryConfidence: confidence } : { colourConfidence: confidence };
        const got = readReport(text, text, { categories: DEFAULT_CATEGORIES, models, thresholds });
        const ok = got[field] === line[field];
        if (ok) right.set(confidence, right.get(confidence)! + 1);
        if (confidence === confidences[3]) {
          const entry = byLabel.get(line[field]!) ?? { n: 0, right: 0 };
          entry.n += 1;
          if (ok) entry.right += 1;
          byLabel.set(line[field]!, entry);
        }
      }
    }
    // The kept-out letters, read by the model alone.
    for (const row of validation) {
      lettersRead += 1;
      if (predict(model, row.text).label === row[field]) lettersRight += 1;
    }
  }
  const atConfidence = confidences.map((c) => `${c}: ${pct(right.get(c)!, reports)}`).join(", ");
  const labels = [...byLabel.entries()].map(([label, { n, right: r }]) => `${label} ${pct(r, n)}/${n}`).join(", ");
  console.log(`${name}: ${field} of ${reports} reports (not red) of w17–w32, by confidence line: ${atConfidence}; kept-out letters (model alone) ${pct(lettersRight, lettersRead)}`);
  console.log(`  by label at ${confidences[3]}: ${labels}`);
}
