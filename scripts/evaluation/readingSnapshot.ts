/**
 * Every reading of every text the project has, as one line of JSON each: the whole understanding
 * (understandMessage) and each model's ranked probabilities. Run before and after a change to the reading
 * machinery (features, scoring, caching, compiled rules) and compare the two files: a change meant only to
 * make reading faster must leave them identical, byte for byte.
 *
 *   npx tsx scripts/evaluation/readingSnapshot.ts > /tmp/before.jsonl
 *   (change)
 *   npx tsx scripts/evaluation/readingSnapshot.ts > /tmp/after.jsonl && cmp /tmp/before.jsonl /tmp/after.jsonl
 *
 * The texts: every chat line of training/chat/lines/, every real letter (text and title) of
 * training/estate-messages.tsv, the TipDM department letters' test split, and the test fixtures' chat tables.
 */
import { readdirSync, readFileSync } from "node:fs";
import { predict } from "../../src/bot/classifier/linearModel.ts";
import { bundledModels, MODEL_NAMES } from "../../src/bot/classifier/models.ts";
import { chatLines } from "../training/chatCorpus.ts";
import { chatRows, departmentExamples, estateRows } from "../training/corpus.ts";
import { FIXTURES, understand } from "./tables.ts";

/** The texts of the understanding fixtures: every string under a field named text, a or b, at any depth. */
function fixtureTexts(): string[] {
  const found: string[] = [];
  const collect = (value: unknown, field?: string): void => {
    if (typeof value === "string" && field !== undefined && ["text", "a", "b"].includes(field)) found.push(value);
    else if (Array.isArray(value)) value.forEach((item) => collect(item, field));
    else if (value && typeof value === "object") for (const [key, inner] of Object.entries(value)) collect(inner, key);
  };
  for (const name of readdirSync(FIXTURES)
    .filter((file) => file.endsWith(".json"))
    .sort()) {
    collect(JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")));
  }
  return found;
}

export function snapshotTexts(): { source: string; text: string }[] {
  return [
    ...chatLines().map((line) => ({ source: `chat ${line.writer} ${line.id}`, text: line.text })),
    ...estateRows().flatMap((row) => [
      { source: `letter ${row.key}`, text: row.text },
      { source: `title ${row.key}`, text: row.title },
    ]),
    ...departmentExamples().test.map((row, i) => ({ source: `department ${i}`, text: row.text })),
    ...[...chatRows("labelled-messages.json"), ...chatRows("heldout-messages.json")].map((row, i) => ({ source: `chat table ${i}`, text: row.text })),
    ...fixtureTexts().map((text, i) => ({ source: `fixture ${i}`, text })),
  ];
}

/** One text's readings: as addressed (a private chat) and as a group message, and every model's scores. */
export function readingOf(text: string): unknown {
  const models = bundledModels();
  return {
    addressed: understand(text, true),
    group: understand(text, false),
    models: Object.fromEntries(MODEL_NAMES.map((name) => [name, predict(models[name], text).ranked])),
  };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const out: string[] = [];
  for (const { source, text } of snapshotTexts()) out.push(JSON.stringify({ source, text, reading: readingOf(text) }));
  process.stdout.write(`${out.join("\n")}\n`);
}
