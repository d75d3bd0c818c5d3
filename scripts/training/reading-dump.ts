/**
 * CATEGORY_GROUPS=2 [MAX_WRITER=59] [LETTERS_TIMES=2] [RECIPE_OPTIONS='{"l2":3e-5}'] tsx scripts/training/reading-dump.ts NAME [--category] > NAME.jsonl
 *
 * The committed category or colour recipe's readings by leave-a-group-out, as choose-category-recipe.ts makes them
 * (the same groups, the same kept-out letters, the same cached models), one JSON line per chat report and kept-out
 * letter: the gold label, the model's ranked labels, the keyword lists' pick, and the reading as the bot reads it
 * (the colour by its rules alone: line 1.01). A confidence line or a way of combining model and rules can then be
 * tried on these lines without training again. MAX_WRITER: only writers up to that number trained on;
 * LETTERS_TIMES: the letters that many times; RECIPE_OPTIONS: training options on top of recipes.ts's.
 */
import { predict } from "../../src/bot/classifier/linearModel.ts";
import type { Example } from "../../src/bot/classifier/train.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { classifyCategory } from "../../src/bot/triage.ts";
import { readReport } from "../../src/bot/understand.ts";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { trainedOnce } from "./chatFolds.ts";
import { categoryGroups } from "./categoryGroups.ts";
import { categoryReportLines, chatReportExamples, chatText, estateExamples, OPTIONS } from "./recipes.ts";

const field = process.argv.includes("--category") ? "category" : "colour";
const { train, groups: GROUPS, letters, validation } = categoryGroups(field);
const base = OPTIONS[field];
const recipeName = process.argv[2] ?? "committed";
const maxWriter = Number(process.env.MAX_WRITER ?? 999);
const lettersTimes = Number(process.env.LETTERS_TIMES ?? 1);
const extra = process.env.RECIPE_OPTIONS ? (JSON.parse(process.env.RECIPE_OPTIONS) as object) : {};
const examplesFor = (heldOut: readonly string[]): Example[] => {
  const lines = train.lines.filter((line) => Number(line.writer.slice(1)) <= maxWriter && !heldOut.includes(line.writer));
  const letterExamples = Array.from({ length: lettersTimes }, () => estateExamples(field, letters)).flat();
  return [...letterExamples, ...chatReportExamples(field, field === "category" ? categoryReportLines(lines) : lines)];
};
const committed = bundledModels();
for (const group of GROUPS) {
  const model = trainedOnce(examplesFor(group), { ...base, task: field, ...extra });
  // The fold's model reads chat lines and letters alike: it stands for the chat category model and the letters' model both.
  const models = { ...committed, [field]: model, ...(field === "category" ? { chatCategory: model } : {}) };
  const lines = train.lines.filter((line) => group.includes(line.writer) && line.intent === "report" && line.urgency !== "red" && line[field]);
  const dump = (source: string, writer: string, text: string, gold: string) => {
    const thresholds = field === "colour" ? { colourConfidence: 1.01 } : {};
    const got = readReport(text, text, { categories: DEFAULT_CATEGORIES, models, thresholds });
    const p = predict(model, text);
    const keyword = classifyCategory(text, DEFAULT_CATEGORIES);
    console.log(
      JSON.stringify({ recipe: recipeName, source, writer, text, gold, category: got.category, colour: got.colour, danger: got.danger, keyword, label: p.label, probability: p.probability, ranked: p.ranked }),
    );
  };
  for (const line of lines) dump("chat", line.writer, chatText(line), line[field]!);
  for (const row of validation) dump("letter", "-", row.text, row[field]);
}
