/**
 * tsx scripts/training/import-chat-corpus.ts [CORPUS_DIR]
 *
 * Copies the writers' chat lines and pairs (CORPUS_DIR/wNN/lines.tsv and pairs.tsv, /work/corpus by default)
 * into training/chat/lines/wNN.tsv and training/chat/pairs/wNN.tsv, keeping only well-formed rows (eight
 * columns for a line, four for a pair) so a half-written batch never reaches training.
 */
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

const source = process.argv[2] ?? "/work/corpus";
const target = fileURLToPath(new URL("../../training/chat/", import.meta.url));

function copy(from: string, to: string, columns: number): number {
  const [header, ...rows] = readFileSync(from, "utf8").replace(/\r/g, "").split("\n");
  const kept = rows.filter((row) => row.trim() && row.split("\t").length === columns);
  if (kept.length === 0) return 0;
  mkdirSync(join(to, ".."), { recursive: true });
  writeFileSync(to, `${[header, ...kept].join("\n")}\n`);
  return kept.length;
}

for (const writer of readdirSync(source).filter((name) => /^w\d\d$/.test(name)).sort()) {
  const lines = join(source, writer, "lines.tsv");
  const pairs = join(source, writer, "pairs.tsv");
  const counts: string[] = [];
  if (existsSync(lines)) counts.push(`${copy(lines, join(target, "lines", `${writer}.tsv`), 8)} lines`);
  if (existsSync(pairs)) counts.push(`${copy(pairs, join(target, "pairs", `${writer}.tsv`), 4)} pairs`);
  console.log(`${writer}: ${counts.join(", ") || "nothing yet"}`);
}
