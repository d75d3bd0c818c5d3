/**
 * tsx scripts/training/import-chat-corpus.ts [CORPUS_DIR]
 *
 * Copies the writers' chat lines and pairs (CORPUS_DIR/wNN/lines.tsv and pairs.tsv, /work/corpus by default)
 * into training/chat/lines/wNN.tsv and training/chat/pairs/wNN.tsv, keeping only well-formed rows (eight
 * columns for a line, four for a pair) so a half-written batch never reaches training. A pair may name its two
 * lines by id (「w25-0135」, as some writers write them): the id is replaced by that line's text, so every pair
 * file holds texts.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { compareWriters, WRITER_NAME } from "./chatCorpus.ts";

const source = process.argv[2] ?? "/work/corpus";
const target = fileURLToPath(new URL("../../training/chat/", import.meta.url));

function copy(from: string, to: string, columns: number, textOf: ReadonlyMap<string, string> = new Map()): number {
  const [header, ...rows] = readFileSync(from, "utf8").replace(/\r/g, "").split("\n");
  const kept = rows
    .filter((row) => row.trim() && row.split("\t").length === columns)
    .map((row) => row.split("\t").map((cell) => textOf.get(cell.trim()) ?? cell).join("\t"));
  if (kept.length === 0) return 0;
  mkdirSync(join(to, ".."), { recursive: true });
  writeFileSync(to, `${[header, ...kept].join("\n")}\n`);
  return kept.length;
}

/** A writer's line texts by line id (the first two columns of lines.tsv). */
function textsById(lines: string): Map<string, string> {
  const rows = readFileSync(lines, "utf8").replace(/\r/g, "").split("\n").slice(1);
  return new Map(rows.map((row) => row.split("\t")).filter((cells) => cells.length === 8).map(([id = "", text = ""]) => [id.trim(), text]));
}

for (const writer of readdirSync(source).filter((name) => WRITER_NAME.test(name)).sort(compareWriters)) {
  const lines = join(source, writer, "lines.tsv");
  const pairs = join(source, writer, "pairs.tsv");
  const counts: string[] = [];
  if (existsSync(lines)) counts.push(`${copy(lines, join(target, "lines", `${writer}.tsv`), 8)} lines`);
  if (existsSync(pairs)) counts.push(`${copy(pairs, join(target, "pairs", `${writer}.tsv`), 4, existsSync(lines) ? textsById(lines) : undefined)} pairs`);
  console.log(`${writer}: ${counts.join(", ") || "nothing yet"}`);
}
