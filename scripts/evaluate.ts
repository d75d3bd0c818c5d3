/**
 * npm run evaluate [-- --json]
 *
 * Measures the committed models and rules on data they were not trained on and prints the figures the
 * README quotes: department accuracy on the TipDM test split, estate category and colour on the held-out
 * real messages (full letters and titles alone) and on the chat fixtures, red recall and false alarms,
 * follow-up/thanks/greeting/typo reading, duplicate matching, speed and model size. First of all, the
 * figures on the writers' chat lines of the test writers (TEST_WRITERS in scripts/training/chatCorpus.ts), never trained or
 * tuned on: all together, then each writer apart.
 */
import { readFileSync, statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { suggestDepartment } from "../src/bot/department.ts";
import { bundledModelFile, loadModels, MODEL_NAMES, warmModels } from "../src/bot/classifier/models.ts";
import { predict } from "../src/bot/classifier/linearModel.ts";
import { trainModel } from "../src/bot/classifier/train.ts";
import { chatRows, departmentExamples, estateRows, TRAINING_DIR } from "./training/corpus.ts";
import { chatSplit, TEST_WRITERS } from "./training/chatCorpus.ts";
import { lettersAsChatLines, scoreChatLines } from "./evaluation/chatLines.ts";
import { estateExamples, OPTIONS } from "./training/recipes.ts";
import { scoreDuplicatePairs, type DuplicatePair } from "./evaluation/duplicatePairs.ts";
import { readings, readTable, scoreIntents, scoreUrgency, understand, type IntentRow, type UrgencyRow } from "./evaluation/tables.ts";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;
const sum = (values: number[]) => values.reduce((total, value) => total + value, 0);

function timePerMessage(texts: string[], work: (text: string) => unknown): number {
  for (const text of texts.slice(0, 50)) work(text);
  const started = performance.now();
  for (const text of texts) work(text);
  return (performance.now() - started) / texts.length;
}

const writers = chatSplit().test;
const writersHeldOut = scoreChatLines(writers.lines);
const writerGroups = TEST_WRITERS.map((writer) => ({ name: writer, lines: writers.lines.filter((line) => line.writer === writer) }))
  .filter((group) => group.lines.length > 0)
  .map((group) => ({ name: group.name, score: scoreChatLines(group.lines) }));
const writerPairs = scoreDuplicatePairs(writers.pairs);
const writerLetters = scoreChatLines(lettersAsChatLines(estateRows().filter((row) => row.split === "test")));

const departmentTest = departmentExamples().test;
const departmentRight = departmentTest.filter((row) => suggestDepartment(row.text).name === row.label).length;
const departmentRecall = Object.fromEntries(
  [...new Set(departmentTest.map((row) => row.label))].map((label) => {
    const rows = departmentTest.filter((row) => row.label === label);
    return [label, rows.filter((row) => suggestDepartment(row.text).name === label).length / rows.length];
  }),
);

const estateTest = estateRows().filter((row) => row.split === "test");
const letters = readings(estateTest.map((row) => ({ text: row.text, category: row.category, colour: row.colour })));
const titles = readings(estateTest.map((row) => ({ text: row.title, category: row.category, colour: row.colour })));
const chatHeldOut = readings(chatRows("heldout-messages.json"));
const chatTuning = readings(chatRows("labelled-messages.json").filter((row) => row.kind === "report"));

const TUNED = ["a", "b", "c", "d"] as const;
const urgencyTuned = TUNED.map((table) => scoreUrgency(readTable<UrgencyRow>(`urgency-${table}.json`)));
const urgencyUnseen = scoreUrgency(readTable<UrgencyRow>("urgency-e.json"));
const intentsTuned = TUNED.map((table) => scoreIntents(readTable<IntentRow>(`intents-${table}.json`)));
const intentsUnseen = scoreIntents(readTable<IntentRow>("intents-e.json"));
const pairsTuned = TUNED.map((table) => scoreDuplicatePairs(readTable<DuplicatePair>(`duplicate-pairs-${table}.json`)));
const pairsUnseen = scoreDuplicatePairs(readTable<DuplicatePair>("duplicate-pairs-e.json"));

const chatTexts = [...chatRows("labelled-messages.json"), ...chatRows("heldout-messages.json")].map((row) => row.text);
const msChat = timePerMessage([...chatTexts, ...writers.lines.map((line) => line.text)], (text) => understand(text));
const msLetter = timePerMessage(
  estateTest.map((row) => row.text),
  (text) => understand(text),
);
const msDepartment = timePerMessage(
  departmentTest.slice(0, 300).map((row) => row.text),
  (text) => suggestDepartment(text),
);
const loadStarted = performance.now();
const fresh = loadModels();
warmModels(fresh);
const loadMs = performance.now() - loadStarted;
const modelBytes = MODEL_NAMES.reduce((sum, name) => sum + statSync(fileURLToPath(bundledModelFile(name))).size, 0);

// A second labeller's blind labels for part of the estate test split: how far two careful people agree.
const secondOpinion = readFileSync(new URL("labels/second-opinion.tsv", TRAINING_DIR), "utf8")
  .trim()
  .split("\n")
  .slice(1)
  .map((line) => line.split("\t"));
const firstOpinion = new Map(estateTest.map((row) => [row.key, row]));
const compared = secondOpinion.filter(([key]) => firstOpinion.has(key ?? ""));
const agreement = {
  letters: compared.length,
  category: compared.filter(([key, category]) => firstOpinion.get(key!)!.category === category).length / compared.length,
  colour: compared.filter(([key, , colour]) => firstOpinion.get(key!)!.colour === colour).length / compared.length,
};

/** With --compare: the model family choice, logistic regression against naive Bayes on the same splits (slow: trains four models). */
function compareFamilies() {
  const estateTrain = estateRows().filter((row) => row.split === "train");
  const departments = departmentExamples();
  return Object.fromEntries(
    (["logistic", "bayes"] as const).map((algorithm) => {
      const category = trainModel(estateExamples("category", estateTrain), { ...OPTIONS.category, algorithm });
      const department = trainModel(departments.train, { ...OPTIONS.department, algorithm });
      return [
        algorithm,
        {
          category: estateTest.filter((row) => predict(category, row.text).label === row.category).length / estateTest.length,
          department: departments.test.filter((row) => predict(department, row.text).label === row.label).length / departments.test.length,
        },
      ];
    }),
  );
}
const families = process.argv.includes("--compare") ? compareFamilies() : null;

const figures = {
  writersHeldOut: {
    ...writersHeldOut,
    writers: TEST_WRITERS,
    groups: writerGroups.map((group) => ({ name: group.name, ...group.score })),
    pairs: { precision: writerPairs.precision, recall: writerPairs.recall, pairs: writerPairs.pairs, wrong: writerPairs.wrong },
  },
  lettersDanger: {
    redRecall: writerLetters.redRecall,
    urgent: writerLetters.urgent,
    falseRed: writerLetters.falseRedOrdinary,
    possible: writerLetters.possibleOrdinary,
    n: writerLetters.ordinary,
  },
  agreement,
  ...(families ? { families } : {}),
  department: { test: departmentTest.length, accuracy: departmentRight / departmentTest.length, recall: departmentRecall },
  estateLetters: letters,
  estateTitles: titles,
  chatHeldOut,
  chatTuning,
  urgencyTuned: urgencyTuned.map((table) => ({ recall: table.recall, falseRedRate: table.falseRedRate, rows: table.urgent + table.calm })),
  urgencyUnseen: {
    recall: urgencyUnseen.recall,
    falseRedRate: urgencyUnseen.falseRedRate,
    rows: urgencyUnseen.urgent + urgencyUnseen.calm,
    missed: urgencyUnseen.missed,
    falseAlarms: urgencyUnseen.falseAlarms,
  },
  intentsTuned: intentsTuned.map((table) => ({ accuracy: table.accuracy, rows: table.rows })),
  intentsUnseen: { accuracy: intentsUnseen.accuracy, rows: intentsUnseen.rows, misses: intentsUnseen.misses },
  duplicatesTuned: pairsTuned.map((table) => ({ precision: table.precision, recall: table.recall, pairs: table.pairs })),
  duplicatesUnseen: { precision: pairsUnseen.precision, recall: pairsUnseen.recall, pairs: pairsUnseen.pairs, wrong: pairsUnseen.wrong },
  speed: { msPerChatMessage: msChat, msPerLetter: msLetter, msPerDepartment: msDepartment, modelLoadMs: loadMs, modelMegabytes: modelBytes / 1e6 },
};

const w = writersHeldOut;
const chatFigures = (s: ReturnType<typeof scoreChatLines>) => [
  `  red recall ${percent(s.redRecall)} of ${s.urgent} urgent lines; advice (red or possible danger) ${percent(s.adviceRate)}`,
  `  red recall by hazard: ${Object.entries(s.byHazard)
    .map(([hazard, value]) => `${hazard} ${percent(value.recall)} (${value.n})`)
    .join(", ")}`,
  `  false red: ${percent(s.falseRedOrdinary)} of ${s.ordinary} ordinary complaints, ${percent(s.falseRedHedged)} of ${s.hedged} hedged lines; possible danger on ordinary complaints ${percent(s.possibleOrdinary)}`,
  `  category / colour of ${s.reports} reports (not red): ${percent(s.category)} / ${percent(s.colour)}`,
  `  intents ${percent(s.intentAccuracy)}; non-problems filed ${s.nonProblemsFiled} of ${s.nonProblems}; reports not filed ${s.reportsLost}`,
];
const lines = [
  `chat, writers never trained on (${TEST_WRITERS.join(", ")}: ${w.lines} lines):`,
  ...chatFigures(w),
  `  duplicates (${writerPairs.pairs} pairs): precision ${percent(writerPairs.precision)}, recall ${percent(writerPairs.recall)}`,
  ...(writerGroups.length > 1
    ? writerGroups.flatMap((group) => [`chat, of them ${group.name} (${group.score.lines} lines):`, ...chatFigures(group.score)])
    : []),
  `real letters, test split (${figures.lettersDanger.n} not red-labelled): marked red ${percent(figures.lettersDanger.falseRed)}, possible danger ${percent(figures.lettersDanger.possible)}`,
  `department (TipDM test split, ${departmentTest.length} letters never trained on): ${percent(figures.department.accuracy)}`,
  `  recall by department: ${Object.entries(departmentRecall)
    .map(([label, value]) => `${label} ${percent(value)}`)
    .join(", ")}`,
  `estate category / colour, held-out real letters (${letters.n}): ${percent(letters.category)} / ${percent(letters.colour)}; filed as 其他 for staff: ${percent(letters.triage)}; marked red: ${percent(letters.falseRed)}`,
  `estate category / colour, their titles alone (${titles.n}): ${percent(titles.category)} / ${percent(titles.colour)}; marked red: ${percent(titles.falseRed)}`,
  `labellers agree (${agreement.letters} test letters labelled twice, blind): category ${percent(agreement.category)}, colour ${percent(agreement.colour)}`,
  ...(families
    ? [
        `model family, category (model alone) / department: logistic ${percent(families.logistic!.category)} / ${percent(families.logistic!.department)}, naive Bayes ${percent(families.bayes!.category)} / ${percent(families.bayes!.department)}`,
      ]
    : []),
  `chat, held-out table (${chatHeldOut.n}): ${percent(chatHeldOut.category)} / ${percent(chatHeldOut.colour)}`,
  `chat, tuning table (${chatTuning.n}, trained on): ${percent(chatTuning.category)} / ${percent(chatTuning.colour)}`,
  `red, tables A–D (${sum(urgencyTuned.map((t) => t.urgent))} urgent + ${sum(urgencyTuned.map((t) => t.calm))} not, rules tuned on them): recall ${urgencyTuned.map((t) => percent(t.recall)).join(" / ")}, false red ${urgencyTuned.map((t) => percent(t.falseRedRate)).join(" / ")}`,
  `red, table E (${urgencyUnseen.urgent} urgent + ${urgencyUnseen.calm} not, never seen while tuning): recall ${percent(urgencyUnseen.recall)}, false red ${percent(urgencyUnseen.falseRedRate)}`,
  `follow-up/thanks/greeting/report/typo, tables A–D (${intentsTuned.map((t) => t.rows).join("+")}, tuned on): ${intentsTuned.map((t) => percent(t.accuracy)).join(" / ")}; table E (${intentsUnseen.rows}, unseen): ${percent(intentsUnseen.accuracy)}`,
  `duplicates, pairs A–D (${pairsTuned.map((t) => t.pairs).join("+")}, tuned on): precision ${pairsTuned.map((t) => percent(t.precision)).join(" / ")}, recall ${pairsTuned.map((t) => percent(t.recall)).join(" / ")}`,
  `duplicates, pairs E (${pairsUnseen.pairs}, unseen): precision ${percent(pairsUnseen.precision)}, recall ${percent(pairsUnseen.recall)}`,
  `speed: ${msChat.toFixed(3)} ms a chat message, ${msLetter.toFixed(3)} ms a letter, ${msDepartment.toFixed(3)} ms a department suggestion; models ${figures.speed.modelMegabytes.toFixed(2)} MB; category, colour, urgency, hazard and intent read in ${loadMs.toFixed(0)} ms`,
];
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(figures));
} else {
  console.log(lines.join("\n"));
  if (process.argv.includes("--misses"))
    console.log(
      JSON.stringify(
        {
          writers: { missedRed: w.missedRed, falseRed: w.falseRed, intents: w.intentMisses, duplicates: writerPairs.wrong },
          urgency: figures.urgencyUnseen,
          intents: figures.intentsUnseen,
          duplicates: figures.duplicatesUnseen,
        },
        null,
        1,
      ),
    );
}
