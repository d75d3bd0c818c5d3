/**
 * npm run evaluate [-- --json]
 *
 * Measures the committed models and rules on data they were not trained on and prints the figures the
 * README quotes: department accuracy on the TipDM test split, estate category and colour on the held-out
 * real messages (full letters and titles alone) and on the chat fixtures, red recall and false alarms,
 * follow-up/thanks/greeting/typo reading, duplicate matching, speed and model size.
 */
import { statSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { suggestDepartment } from "../src/bot/department.ts";
import { BUNDLED_MODEL_DIR, loadModels, MODEL_NAMES } from "../src/bot/classifier/models.ts";
import { chatRows, departmentExamples, estateRows } from "./training/corpus.ts";
import { scoreDuplicatePairs, type DuplicatePair } from "./evaluation/duplicatePairs.ts";
import { readTable, scoreIntents, scoreUrgency, understand, type IntentRow, type UrgencyRow } from "./evaluation/tables.ts";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

function readings(rows: { text: string; category?: string; colour?: string }[]) {
  let category = 0;
  let colour = 0;
  let red = 0;
  let triage = 0;
  for (const row of rows) {
    const got = understand(row.text);
    if (got.kind !== "report") continue;
    if (got.report.category === row.category) category++;
    if (got.report.colour === row.colour) colour++;
    if (got.report.colour === "red" && row.colour !== "red") red++;
    if (got.report.needsTriage) triage++;
  }
  return { n: rows.length, category: category / rows.length, colour: colour / rows.length, falseRed: red / rows.length, triage: triage / rows.length };
}

function timePerMessage(texts: string[], work: (text: string) => unknown): number {
  for (const text of texts.slice(0, 50)) work(text);
  const started = performance.now();
  for (const text of texts) work(text);
  return (performance.now() - started) / texts.length;
}

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

const urgencyA = scoreUrgency(readTable<UrgencyRow>("urgency-a.json"));
const urgencyB = scoreUrgency(readTable<UrgencyRow>("urgency-b.json"));
const urgencyC = scoreUrgency(readTable<UrgencyRow>("urgency-c.json"));
const intentsA = scoreIntents(readTable<IntentRow>("intents-a.json"));
const intentsB = scoreIntents(readTable<IntentRow>("intents-b.json"));
const intentsC = scoreIntents(readTable<IntentRow>("intents-c.json"));
const pairsA = scoreDuplicatePairs(readTable<DuplicatePair>("duplicate-pairs-a.json"));
const pairsB = scoreDuplicatePairs(readTable<DuplicatePair>("duplicate-pairs-b.json"));
const pairsC = scoreDuplicatePairs(readTable<DuplicatePair>("duplicate-pairs-c.json"));

const chatTexts = [...chatRows("labelled-messages.json"), ...chatRows("heldout-messages.json")].map((row) => row.text);
const msChat = timePerMessage(chatTexts, (text) => understand(text));
const msLetter = timePerMessage(estateTest.map((row) => row.text), (text) => understand(text));
const msDepartment = timePerMessage(departmentTest.slice(0, 300).map((row) => row.text), (text) => suggestDepartment(text));
const loadStarted = performance.now();
loadModels();
const loadMs = performance.now() - loadStarted;
const modelBytes = MODEL_NAMES.reduce((sum, name) => sum + statSync(fileURLToPath(new URL(`${name}.json`, BUNDLED_MODEL_DIR))).size, 0);

const figures = {
  department: { test: departmentTest.length, accuracy: departmentRight / departmentTest.length, recall: departmentRecall },
  estateLetters: letters,
  estateTitles: titles,
  chatHeldOut,
  chatTuning,
  urgencyA: { recall: urgencyA.recall, falseRedRate: urgencyA.falseRedRate, rows: urgencyA.urgent + urgencyA.calm },
  urgencyB: { recall: urgencyB.recall, falseRedRate: urgencyB.falseRedRate, rows: urgencyB.urgent + urgencyB.calm },
  urgencyC: { recall: urgencyC.recall, falseRedRate: urgencyC.falseRedRate, rows: urgencyC.urgent + urgencyC.calm, missed: urgencyC.missed, falseAlarms: urgencyC.falseAlarms },
  intentsA: { accuracy: intentsA.accuracy, rows: intentsA.rows },
  intentsB: { accuracy: intentsB.accuracy, rows: intentsB.rows },
  intentsC: { accuracy: intentsC.accuracy, rows: intentsC.rows, misses: intentsC.misses },
  duplicatesA: { precision: pairsA.precision, recall: pairsA.recall, pairs: pairsA.pairs },
  duplicatesB: { precision: pairsB.precision, recall: pairsB.recall, pairs: pairsB.pairs },
  duplicatesC: { precision: pairsC.precision, recall: pairsC.recall, pairs: pairsC.pairs, wrong: pairsC.wrong },
  speed: { msPerChatMessage: msChat, msPerLetter: msLetter, msPerDepartment: msDepartment, modelLoadMs: loadMs, modelMegabytes: modelBytes / 1e6 },
};

const lines = [
  `department (TipDM test split, ${departmentTest.length} letters never trained on): ${percent(figures.department.accuracy)}`,
  `  recall by department: ${Object.entries(departmentRecall).map(([label, value]) => `${label} ${percent(value)}`).join(", ")}`,
  `estate category / colour, held-out real letters (${letters.n}): ${percent(letters.category)} / ${percent(letters.colour)}; filed as 其他 for staff: ${percent(letters.triage)}; marked red: ${percent(letters.falseRed)}`,
  `estate category / colour, their titles alone (${titles.n}): ${percent(titles.category)} / ${percent(titles.colour)}; marked red: ${percent(titles.falseRed)}`,
  `chat, held-out table (${chatHeldOut.n}): ${percent(chatHeldOut.category)} / ${percent(chatHeldOut.colour)}`,
  `chat, tuning table (${chatTuning.n}, trained on): ${percent(chatTuning.category)} / ${percent(chatTuning.colour)}`,
  `red, tables A+B (${urgencyA.urgent + urgencyB.urgent} urgent + ${urgencyA.calm + urgencyB.calm} not, rules tuned on them): recall ${percent(urgencyA.recall)} / ${percent(urgencyB.recall)}, false red ${percent(urgencyA.falseRedRate)} / ${percent(urgencyB.falseRedRate)}`,
  `red, table C (${urgencyC.urgent} urgent + ${urgencyC.calm} not, never seen while tuning): recall ${percent(urgencyC.recall)}, false red ${percent(urgencyC.falseRedRate)}`,
  `follow-up/thanks/greeting/report/typo, tables A+B (${intentsA.rows}+${intentsB.rows}, tuned on): ${percent(intentsA.accuracy)} / ${percent(intentsB.accuracy)}; table C (${intentsC.rows}, unseen): ${percent(intentsC.accuracy)}`,
  `duplicates, pairs A+B (${pairsA.pairs}+${pairsB.pairs}, tuned on): precision ${percent(pairsA.precision)} / ${percent(pairsB.precision)}, recall ${percent(pairsA.recall)} / ${percent(pairsB.recall)}`,
  `duplicates, pairs C (${pairsC.pairs}, unseen): precision ${percent(pairsC.precision)}, recall ${percent(pairsC.recall)}`,
  `speed: ${msChat.toFixed(3)} ms a chat message, ${msLetter.toFixed(3)} ms a letter, ${msDepartment.toFixed(3)} ms a department suggestion; models ${figures.speed.modelMegabytes.toFixed(2)} MB, loaded in ${loadMs.toFixed(0)} ms`,
];
if (process.argv.includes("--json")) {
  console.log(JSON.stringify(figures));
} else {
  console.log(lines.join("\n"));
  if (process.argv.includes("--misses")) console.log(JSON.stringify({ urgencyC: figures.urgencyC, intentsC: figures.intentsC, duplicatesC: figures.duplicatesC }, null, 1));
}
