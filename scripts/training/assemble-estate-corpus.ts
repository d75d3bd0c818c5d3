/**
 * Joins the hand labels (labels-N.tsv: key, label, category, colour) with the full TipDM messages into
 * training/estate-messages.tsv, dropping the rows labelled "skip" and fixing each row's split by its key.
 *
 *   npx tsx scripts/training/assemble-estate-corpus.ts ../shared/data/tipdm2020-messages-unlabelled.tsv labels/*.tsv
 */
import { readFileSync, writeFileSync } from "node:fs";
import { splitOf, TRAINING_DIR } from "./corpus.ts";

const CATEGORIES = new Set(["repair", "sanitation", "parking", "charging", "safety", "noise", "neighbor", "property", "business", "consult", "legal", "other"]);
const COLOURS = new Set(["red", "orange", "yellow", "blue"]);

const [messagesPath, ...labelPaths] = process.argv.slice(2);
if (!messagesPath || labelPaths.length === 0) throw new Error("usage: assemble-estate-corpus <unlabelled.tsv> <labels.tsv>...");
const messages = new Map<string, { title: string; detail: string }>();
for (const line of readFileSync(messagesPath, "utf8").trim().split("\n").slice(1)) {
  const [source, id, title = "", detail = ""] = line.split("\t");
  messages.set(`${source}:${id}`, { title, detail });
}
const rows: string[] = [];
const seen = new Set<string>();
for (const path of labelPaths) {
  for (const line of readFileSync(path, "utf8").trim().split("\n").slice(1)) {
    const [key = "", label = "", category = "", colour = ""] = line.trim().split("\t");
    if (label === "skip" || seen.has(key)) continue;
    if (label !== "estate" || !CATEGORIES.has(category) || !COLOURS.has(colour)) throw new Error(`${path}: bad row: ${line}`);
    const message = messages.get(key);
    if (!message) throw new Error(`${path}: unknown message ${key}`);
    seen.add(key);
    rows.push([key, splitOf(key), category, colour, message.title, `${message.title}。${message.detail}`].join("\t"));
  }
}
writeFileSync(new URL("estate-messages.tsv", TRAINING_DIR), `key\tsplit\tcategory\tcolour\ttitle\ttext\n${rows.join("\n")}\n`);
console.log(JSON.stringify({ rows: rows.length, test: rows.filter((row) => row.split("\t")[1] === "test").length }));
