/**
 * CATEGORY_GROUPS=2 [READ_AT=0.9] tsx scripts/training/choose-category-recipe.ts [--recipes fifth,all,…] [--colour]
 *
 * How the category (and colour) model's recipe is chosen, on writers it was not trained on (never the test
 * writers). A category model trains for minutes (the real letters are long), too slow for 32 folds on a
 * shared machine, so the train writers are split into groups (taken in turn): each group is read by a model
 * trained on the real letters and the other groups ("fifth": only the fifth round's eighteen writers among
 * them, as the committed model was trained). One letter in five of the
 * letters' train split is kept out of every training and read too, so a recipe that helps chat at the letters'
 * expense shows it (the letters' test split is `npm run evaluate`'s, not this script's). The danger reading is
 * the committed one, which never saw these writers either.
 */
import { predict } from "../../src/bot/classifier/linearModel.ts";
import type { Example } from "../../src/bot/classifier/train.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { LETTER_MIN_LENGTH, readReport } from "../../src/bot/understand.ts";
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { trainedOnce } from "./chatFolds.ts";
import { categoryGroups } from "./categoryGroups.ts";
import { RETIRED_TEST_WRITERS } from "./chatCorpus.ts";
import { stableHash } from "./corpus.ts";
import { categoryReportLines, chatReportExamples, chatText, estateExamples, isLettersCategoryWriter, OPTIONS } from "./recipes.ts";

type Field = "category" | "colour";
const field: Field = process.argv.includes("--colour") ? "colour" : "category";

/**
 * All train writers in groups, each read by a model trained on the others (leave-a-group-out: a category model
 * trains for minutes, too slow for one fold per writer). CATEGORY_GROUPS=n (default 2) writers taken in turn.
 */
const { train, writers: WRITERS, groups: GROUPS, letters, validation } = categoryGroups(field);
/** The writers the fifth round's model was trained on (before the fourteen test writers retired into training). */
const FIFTH_ROUND_WRITERS = new Set(WRITERS.filter((writer) => !(RETIRED_TEST_WRITERS as readonly string[]).includes(writer)));

const chatOf = (keep: (writer: string) => boolean) => chatReportExamples(field, train.lines.filter((line) => keep(line.writer)));
const base = OPTIONS[field];

interface Recipe {
  /** The training examples when `heldOut` is read. */
  examples: (heldOut: readonly string[]) => Example[];
  options: typeof base;
}
const everyoneBut = (heldOut: readonly string[]) => chatOf((writer) => !heldOut.includes(writer));
/** Each writer's reports at most `cap` (a fixed pseudo-random choice), so a writer of 500 lines weighs as one of 250. */
const cappedBut = (heldOut: readonly string[], cap: number) => {
  const kept = train.lines
    .filter((line) => !heldOut.includes(line.writer))
    .map((line) => ({ line, rank: stableHash(`cap:${line.writer}:${line.text}`) }))
    .sort((a, b) => a.rank - b.rank);
  const taken = new Map<string, number>();
  const lines = kept.filter(({ line }) => {
    if (line.intent !== "report") return false;
    const n = taken.get(line.writer) ?? 0;
    taken.set(line.writer, n + 1);
    return n < cap;
  });
  return chatReportExamples(field, lines.map(({ line }) => line));
};
const lettersTimes = (times: number) => Array.from({ length: times }, () => estateExamples(field, letters)).flat();
/** A letter's sentences after its title (at least 8 characters, at most `most`), each labelled as the letter. */
const sentencesOf = (text: string, most: number) =>
  text
    .split(/[。！？!?；;\n]+/u)
    .slice(1)
    .map((sentence) => sentence.trim())
    .filter((sentence) => [...sentence].length >= 8)
    .slice(0, most);
const letterSentences = (most: number) =>
  letters.filter((row) => row[field] && (field === "category" || row.colour !== "red")).flatMap((row) => sentencesOf(row.text, most).map((text) => ({ text, label: row[field] })));
/** The writers the eighth round's category and colour models were trained on (w01–w44). */
const EIGHTH_ROUND_WRITERS = new Set(WRITERS.filter((writer) => Number(writer.slice(1)) <= 44));
/** The committed recipe (recipes.ts: the category without red chat lines, the colour on every report) on the writers `keep` lets in. */
const committedBut = (heldOut: readonly string[], keep: (writer: string) => boolean) => {
  const lines = train.lines.filter((line) => keep(line.writer) && !heldOut.includes(line.writer));
  return [...estateExamples(field, letters), ...chatReportExamples(field, field === "category" ? categoryReportLines(lines) : lines)];
};
const RECIPES: Record<string, Recipe> = {
  // Thirteenth round: the committed recipe on the 59 writers the eleventh round's models were trained on.
  eleventhWriters: { examples: (heldOut) => committedBut(heldOut, (writer) => Number(writer.slice(1)) <= 59), options: base },
  // Eleventh round: the committed recipe as the models were trained before it (44 writers) and on all train writers.
  eighthWriters: { examples: (heldOut) => committedBut(heldOut, (writer) => EIGHTH_ROUND_WRITERS.has(writer)), options: base },
  committed: { examples: (heldOut) => committedBut(heldOut, () => true), options: base },
  // Nineteenth round: the committed recipe on the writers the letters' category model learnt from (w01–w71), against
  // committed (every train writer), the chat category model's.
  lettersModelWriters: { examples: (heldOut) => committedBut(heldOut, isLettersCategoryWriter), options: base },
  // The chat model reads only lines shorter than a letter: the letters' titles (and the fixture's chat rows), not their texts.
  shortLetterParts: {
    examples: (heldOut) => [
      ...estateExamples(field, letters).filter((example) => example.text.length < LETTER_MIN_LENGTH),
      ...chatReportExamples(field, categoryReportLines(train.lines.filter((line) => !heldOut.includes(line.writer)))),
    ],
    options: base,
  },
  // The chat reports (not red) twice: the chat model need not keep the letters' weight.
  noRedChatTwice: {
    examples: (heldOut) => {
      const chat = chatReportExamples(field, categoryReportLines(train.lines.filter((line) => !heldOut.includes(line.writer))));
      return [...estateExamples(field, letters), ...chat, ...chat];
    },
    options: base,
  },
  // The fifth round's recipe: the writers it was trained on (less the group read).
  fifth: { examples: (heldOut) => [...estateExamples(field, letters), ...chatOf((writer) => FIFTH_ROUND_WRITERS.has(writer) && !heldOut.includes(writer))], options: base },
  all: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: base },
  // Red lines teach no category: a danger now is safety by the danger reading, and the focused writers' many red
  // lines (lifts, pipes, wires) otherwise pull ordinary faults of the same things to safety.
  noRed: {
    examples: (heldOut) => [...estateExamples(field, letters), ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red"))],
    options: base,
  },
  strongerL2: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: { ...base, l2: 3e-5 } },
  lettersTwice: { examples: (heldOut) => [...lettersTimes(2), ...everyoneBut(heldOut)], options: base },
  lettersThrice: { examples: (heldOut) => [...lettersTimes(3), ...everyoneBut(heldOut)], options: base },
  capped250: { examples: (heldOut) => [...estateExamples(field, letters), ...cappedBut(heldOut, 250)], options: base },
  capped250LettersTwice: { examples: (heldOut) => [...lettersTimes(2), ...cappedBut(heldOut, 250)], options: base },
  // The chat reports twice: chat lines are what the bot reads; the letters are long and from elsewhere.
  balanced: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: { ...base, balanced: true } },
  weakerL2: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: { ...base, l2: 3e-6 } },
  strongestL2: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut)], options: { ...base, l2: 1e-4 } },
  // The letters' first sentences after the title as short examples too: chat-length lines in the letters' words.
  sentences3: { examples: (heldOut) => [...estateExamples(field, letters), ...letterSentences(3), ...everyoneBut(heldOut)], options: base },
  sentencesAll: { examples: (heldOut) => [...estateExamples(field, letters), ...letterSentences(1000), ...everyoneBut(heldOut)], options: base },
  noRedLettersTwice: {
    examples: (heldOut) => [...lettersTimes(2), ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red"))],
    options: base,
  },
  // The letters alone: what the chat lines cost (or give) the letters.
  lettersOnly: { examples: () => estateExamples(field, letters), options: base },
  lettersTwiceSentences3: { examples: (heldOut) => [...lettersTimes(2), ...letterSentences(3), ...everyoneBut(heldOut)], options: base },
  noRedSentences3: {
    examples: (heldOut) => [
      ...estateExamples(field, letters),
      ...letterSentences(3),
      ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red")),
    ],
    options: base,
  },
  noRedStrongerL2: {
    examples: (heldOut) => [...estateExamples(field, letters), ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red"))],
    options: { ...base, l2: 3e-5 },
  },
  noRedStrongestL2: {
    examples: (heldOut) => [...estateExamples(field, letters), ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red"))],
    options: { ...base, l2: 1e-4 },
  },
  // RECIPE_L2=2e-5: the committed recipe (no red chat lines) at another L2.
  noRedAtL2: {
    examples: (heldOut) => [...estateExamples(field, letters), ...chatReportExamples(field, train.lines.filter((line) => !heldOut.includes(line.writer) && line.urgency !== "red"))],
    options: { ...base, l2: Number(process.env.RECIPE_L2 ?? base.l2 ?? 1e-5) },
  },
  chatTwice: { examples: (heldOut) => [...estateExamples(field, letters), ...everyoneBut(heldOut), ...everyoneBut(heldOut)], options: base },
};

const asked = process.argv.indexOf("--recipes");
const names = asked >= 0 ? (process.argv[asked + 1] ?? "").split(",") : ["before", "all"];
const confidences = field === "category" ? [0, 0.2, 0.25, 0.3, 0.35, 0.4] : [0.5, 0.6, 0.7, 0.8, 0.9, 1.01];
// The line the by-label figures and the letters as read are taken at: the committed one unless READ_AT names another.
const readAt = Number(process.env.READ_AT ?? (field === "category" ? 0.3 : 0.5));
if (!confidences.includes(readAt)) confidences.push(readAt);
const pct = (part: number, whole: number) => `${((part / whole) * 100).toFixed(1)}%`;
const committed = bundledModels();

for (const name of names) {
  const recipe = RECIPES[name];
  if (!recipe) throw new Error(`unknown recipe ${name}: ${Object.keys(RECIPES).join(", ")}`);
  const right = new Map<number, number>(confidences.map((c) => [c, 0]));
  const byLabel = new Map<string, { n: number; right: number }>();
  let reports = 0;
  // The other field as the bot reads it at the committed lines (a category changes the colour where the colour rules decide).
  let otherRight = 0;
  let lettersRight = 0;
  let lettersRead = 0;
  let lettersReadRight = 0;
  const letterConfusions = new Map<string, number>();
  const confusions = new Map<string, number>();
  const lettersByLabel = new Map<string, { n: number; right: number }>();
  for (const group of GROUPS) {
    const started = Date.now();
    const model = trainedOnce(recipe.examples(group), { ...recipe.options, task: field });
    console.error(`${name}, read ${group.join(" ")}: trained in ${((Date.now() - started) / 1000).toFixed(0)} s`);
    // The fold's model reads chat lines and letters alike: it stands for the chat category model and the letters' model both.
    const models = { ...committed, [field]: model, ...(field === "category" ? { chatCategory: model } : {}) };
    const lines = train.lines.filter((line) => group.includes(line.writer) && line.intent === "report" && line.urgency !== "red" && line[field]);
    for (const line of lines) {
      const text = chatText(line);
      reports += 1;
      for (const confidence of confidences) {
        const thresholds = field === "category" ? { categoryConfidence: confidence } : { colourConfidence: confidence };
        const got = readReport(text, text, { categories: DEFAULT_CATEGORIES, models, thresholds });
        const ok = got[field] === line[field];
        if (ok) right.set(confidence, right.get(confidence)! + 1);
        if (confidence === readAt) {
          const other = field === "category" ? "colour" : "category";
          if (got[other] === line[other]) otherRight += 1;
          const entry = byLabel.get(line[field]!) ?? { n: 0, right: 0 };
          entry.n += 1;
          if (ok) entry.right += 1;
          byLabel.set(line[field]!, entry);
          if (!ok) confusions.set(`${line[field]}→${got[field] ?? "none"}`, (confusions.get(`${line[field]}→${got[field] ?? "none"}`) ?? 0) + 1);
        }
      }
    }
    // The kept-out letters, read by the model alone and as the bot reads them (the confidence line, the rules).
    for (const row of validation) {
      lettersRead += 1;
      const thresholds = field === "category" ? { categoryConfidence: readAt } : { colourConfidence: readAt };
      const read = readReport(row.text, row.text, { categories: DEFAULT_CATEGORIES, models, thresholds })[field];
      if (read === row[field]) lettersReadRight += 1;
      else letterConfusions.set(`${row[field]}→${read}`, (letterConfusions.get(`${row[field]}→${read}`) ?? 0) + 1);
      const ok = predict(model, row.text).label === row[field];
      if (ok) lettersRight += 1;
      const entry = lettersByLabel.get(row[field]) ?? { n: 0, right: 0 };
      entry.n += 1;
      if (ok) entry.right += 1;
      lettersByLabel.set(row[field], entry);
    }
  }
  const atConfidence = confidences.map((c) => `${c}: ${pct(right.get(c)!, reports)}`).join(", ");
  const labels = [...byLabel.entries()].map(([label, { n, right: r }]) => `${label} ${pct(r, n)}/${n}`).join(", ");
  console.log(`${name}: ${field} of ${reports} reports (not red) of ${GROUPS.length} groups of writers, by confidence line: ${atConfidence}; kept-out letters (model alone) ${pct(lettersRight, lettersRead)}, as the bot reads them ${pct(lettersReadRight, lettersRead)}`);
  console.log(
    `  at ${readAt}: ${right.get(readAt)} of ${reports} right, ${field === "category" ? "colour" : "category"} ${otherRight}; kept-out letters as the bot reads them ${lettersReadRight} of ${lettersRead} (model alone ${lettersRight})`,
  );
  console.log(`  by label at ${readAt}: ${labels}`);
  const byLetter = [...lettersByLabel.entries()].map(([label, { n, right: r }]) => `${label} ${pct(r, n)}/${n}`).join(", ");
  console.log(`  kept-out letters by label: ${byLetter}`);
  const top = [...confusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 8);
  console.log(`  most confused: ${top.map(([pair, n]) => `${pair} ${n}`).join(", ")}`);
  const lettersTop = [...letterConfusions.entries()].sort((a, b) => b[1] - a[1]).slice(0, 10);
  console.log(`  letters (as the bot reads them) most confused: ${lettersTop.map(([pair, n]) => `${pair} ${n}`).join(", ")}`);
}
