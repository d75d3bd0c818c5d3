/**
 * tsx scripts/training/intent-rules-unseen.ts [--grid JSON] [--save FILE] [--against FILE] [--list]
 *
 * The intent rules with the committed intent model, on the train writers that model never saw (from the first of the
 * round's test writers it was fitted without, w88 for the model of the fifteenth round), in blocks of eight writers:
 * intents, non-problems filed, reports not filed, and red, advice and false red in lines. The danger gates read the
 * intent model (MODEL_DANGER_NEEDS_REPORT, SECOND_OFF_REPORT), so rules that keep that model move no red; this reads
 * every urgent line to show it. --save FILE writes each line's reading (one TSV row a line); --against FILE, saved
 * by another version of the rules (a worktree of the commit before), compares each line: the blocks before and after,
 * every urgent line losing its red or its advice, and with --list every line filed or no longer filed.
 * --grid '[{"faultlessReport":0.02}, …]' reads with those thresholds. Never the test writers.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dangerOf, intentOf } from "../evaluation/chatLines.ts";
import { bundledModelFile, bundledModels } from "../../src/bot/classifier/models.ts";
import { unpackModel } from "../../src/bot/classifier/modelFile.ts";
import { type Thresholds } from "../../src/bot/understand.ts";
import { chatSplit, compareWriters } from "./chatCorpus.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const grid = JSON.parse(option("--grid") ?? "[{}]") as Partial<Thresholds>[];
const listing = process.argv.includes("--list");
const BLOCK_SIZE = 8;

const models = bundledModels();
// The model's source names the writers it was fitted without: "… (train writers only: not w88, w89, …)".
const source = String(unpackModel(readFileSync(bundledModelFile("intent"))).meta.source);
const firstUnseen = /not (w\d+)/.exec(source)?.[1];
if (!firstUnseen) throw new Error("the committed intent model does not name the writers it was fitted without");
const lines = chatSplit().train.lines.filter((line) => compareWriters(line.writer, firstUnseen) >= 0);
const writers = [...new Set(lines.map((line) => line.writer))].sort(compareWriters);
const blockOf = (writer: string) => {
  const start = writers[Math.floor(writers.indexOf(writer) / BLOCK_SIZE) * BLOCK_SIZE]!;
  const end = writers[Math.min(writers.indexOf(start) + BLOCK_SIZE, writers.length) - 1]!;
  return `${start}-${end}`;
};

/** One line's reading, as saved: the corpus line and what the bot made of it. */
interface Reading {
  writer: string;
  id: string;
  intent: string;
  urgency: string;
  ordinary: boolean;
  hedged: boolean;
  read: string;
  filed: boolean;
  danger: string;
  text: string;
}

function readAll(thresholds: Partial<Thresholds>): Reading[] {
  return lines.map((line) => {
    const got = readAsTheBot(line.text, { models, thresholds });
    return {
      writer: line.writer,
      id: line.id,
      intent: line.intent,
      urgency: line.urgency,
      ordinary: line.intent === "report" && line.urgency === "none" && !line.hazard,
      hedged: line.urgency === "none" && Boolean(line.hedge),
      read: intentOf(got),
      filed: got.kind === "report",
      danger: dangerOf(got).tier ?? "-",
      text: line.text.replace(/\s+/g, " "),
    };
  });
}

const FIELDS = ["writer", "id", "intent", "urgency", "ordinary", "hedged", "read", "filed", "danger", "text"] as const;
const save = (readings: readonly Reading[], file: string) =>
  writeFileSync(file, readings.map((row) => FIELDS.map((field) => String(row[field])).join("\t")).join("\n") + "\n");
const load = (file: string): Reading[] =>
  readFileSync(file, "utf8")
    .trim()
    .split("\n")
    .map((row) => {
      const [writer = "", id = "", intent = "", urgency = "", ordinary, hedged, read = "", filed, danger = "", text = ""] = row.split("\t");
      return { writer, id, intent, urgency, ordinary: ordinary === "true", hedged: hedged === "true", read, filed: filed === "true", danger, text };
    });

function tally(readings: readonly Reading[]) {
  const count = (keep: (row: Reading) => boolean) => readings.filter(keep).length;
  return {
    lines: readings.length,
    intents: count((row) => row.read === row.intent),
    nonProblems: count((row) => row.intent !== "report"),
    filed: count((row) => row.intent !== "report" && row.filed),
    notFiled: count((row) => row.intent === "report" && !row.filed),
    urgent: count((row) => row.urgency === "red"),
    red: count((row) => row.urgency === "red" && row.danger === "red"),
    advice: count((row) => row.urgency === "red" && row.danger !== "-"),
    falseRed: count((row) => row.ordinary && row.danger === "red"),
    hedgedRed: count((row) => row.hedged && row.danger === "red"),
  };
}

const describe = (label: string, t: ReturnType<typeof tally>) =>
  `${label}: intents ${t.intents} of ${t.lines}, non-problems filed ${t.filed} of ${t.nonProblems}, reports not filed ${t.notFiled}, red ${t.red} / advice ${t.advice} of ${t.urgent}, false red ${t.falseRed} ordinary / ${t.hedgedRed} hedged`;

function report(label: string, readings: readonly Reading[]) {
  console.log(`${label}\n  ${describe("all", tally(readings))}`);
  for (const block of [...new Set(readings.map((row) => blockOf(row.writer)))].sort(compareWriters))
    console.log(`  ${describe(block, tally(readings.filter((row) => blockOf(row.writer) === block)))}`);
}

const againstFile = option("--against");
const against = againstFile ? load(againstFile) : null;
if (against) report(`against ${againstFile}`, against);
for (const thresholds of grid) {
  const readings = readAll(thresholds);
  report(`committed intent model ${JSON.stringify(thresholds)}, writers ${writers[0]}-${writers.at(-1)}`, readings);
  const saveFile = option("--save");
  if (saveFile) save(readings, saveFile);
  if (!against) continue;
  const before = new Map(against.map((row) => [`${row.writer}/${row.id}`, row]));
  const lost: string[] = [];
  const moved: string[] = [];
  for (const row of readings) {
    const was = before.get(`${row.writer}/${row.id}`);
    if (!was) continue;
    if (was.urgency !== "none" && ((was.danger === "red" && row.danger !== "red") || (was.danger !== "-" && row.danger === "-")))
      lost.push(`${row.writer}\t${row.urgency}\t${was.danger} → ${row.danger}\t${row.text}`);
    if (was.filed !== row.filed) moved.push(`${row.writer}\t${row.intent}\t${was.read} → ${row.read}\t${row.text}`);
  }
  console.log(`  urgent lines losing red or advice: ${lost.length}`);
  for (const row of lost) console.log(`    ${row}`);
  if (listing) for (const row of moved) console.log(`  ${row}`);
}
