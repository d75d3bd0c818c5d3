/**
 * tsx scripts/training/story-lines.ts NEW_MODEL_DIR [OLD_MODEL_DIR] [--thresholds JSON] [--old-thresholds JSON]
 *
 * The suite's own stories as a check on a retraining, before any test writer is read: every string literal
 * with Chinese in it under test/ (the lines the stories send), read with the old models (the bundled ones by
 * default) and the new ones, printing each line whose danger, hazard or kind changes. A line that becomes red
 * or gains advice is a false alarm to look at; one that loses it, a recall to look at. With --category, a report's
 * category and colour too (a retrained category or colour model changes no danger).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { loadModels, bundledModels } from "../../src/bot/classifier/models.ts";
import { type Thresholds, type Understanding } from "../../src/bot/understand.ts";
import { dangerOf } from "../evaluation/chatLines.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const args = process.argv.slice(2);
const option = (name: string) => {
  const at = args.indexOf(name);
  return at >= 0 ? args.splice(at, 2)[1] : undefined;
};
const newThresholds = JSON.parse(option("--thresholds") ?? "{}") as Partial<Thresholds>;
const oldThresholds = JSON.parse(option("--old-thresholds") ?? "{}") as Partial<Thresholds>;
const withCategory = args.includes("--category") && Boolean(args.splice(args.indexOf("--category"), 1));
const [newDir, oldDir] = args;
if (!newDir) throw new Error("usage: story-lines.ts NEW_MODEL_DIR [OLD_MODEL_DIR]");
const newModels = loadModels(newDir);
const oldModels = oldDir ? loadModels(oldDir) : bundledModels();

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(dir, entry.name);
    if (entry.isDirectory()) return entry.name === "fixtures" ? [] : testFiles(path);
    return /\.test\.ts$/.test(entry.name) ? [path] : [];
  });
}

const HAN = /\p{Script=Han}/u;
const LITERAL = /"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g;
const lines = new Map<string, string>();
for (const file of testFiles("test")) {
  for (const match of readFileSync(file, "utf8").matchAll(LITERAL)) {
    const text = (match[1] ?? match[2] ?? "").replace(/\\n/g, "\n").replace(/\$\{[^}]*\}/g, "1");
    if (HAN.test(text) && text.length <= 200 && !lines.has(text)) lines.set(text, file);
  }
}

const summary = (got: Understanding) => {
  const { tier: danger, hazard } = dangerOf(got);
  const kind = withCategory && got.kind === "report" ? ` ${got.report.category}/${got.report.colour}` : "";
  return `${got.kind}${danger ? ` ${danger}/${hazard}` : ""}${kind}`;
};
const read = (text: string, models: typeof newModels, thresholds: Partial<Thresholds>) =>
  summary(readAsTheBot(text, { models, thresholds }));

let changed = 0;
for (const [text, file] of lines) {
  const before = read(text, oldModels, oldThresholds);
  const after = read(text, newModels, newThresholds);
  if (before === after) continue;
  changed++;
  console.log(`${before}\t→ ${after}\t${file}\t${text.replace(/\n/g, "⏎")}`);
}
console.log(`${changed} of ${lines.size} story lines read differently`);
