/**
 * tsx scripts/training/duplicate-lowo.ts [--misses] [--threshold 0.7] [--l2 0.001]
 *
 * The duplicate matching judged leave-one-writer-out over the train writers' pairs (never the test
 * writers'): each writer's pairs are scored by a model fitted on the other train writers' pairs and the
 * tables A–D. Prints precision and recall by writer and pooled; with --misses, each wrong pair and why (told
 * apart by the rules, or scored under the threshold). The bot's reading of each side is cached in
 * node_modules/.cache (delete it when the reading changes).
 */
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { PAIR_FEATURES, pairFeatures } from "../../src/domain/duplicateFeatures.ts";
import { differentMatters, whyDifferentMatters } from "../../src/domain/duplicates.ts";
import { pairProbability } from "../../src/domain/pairModel.ts";
import { readPair, type DuplicatePair } from "../evaluation/duplicatePairs.ts";
import { chatSplit } from "./chatCorpus.ts";
import { bigramCounts, weightedCosine } from "../../src/text/similarity.ts";
import { fitPairModel, tablePairs } from "./duplicatePairs.ts";

type Sides = ReturnType<typeof readPair>;
const CACHE = new URL("../../node_modules/.cache/yishi-duplicate-sides.json", import.meta.url);
const cache: Record<string, Sides> = existsSync(CACHE) ? (JSON.parse(readFileSync(CACHE, "utf8")) as Record<string, Sides>) : {};
function sidesOf(pair: DuplicatePair): Sides {
  const key = `${pair.a}\u0000${pair.b}`;
  if (!(key in cache)) cache[key] = readPair(pair);
  const sides = cache[key];
  return sides ? { ticket: { ...sides.ticket, createdAt: new Date(sides.ticket.createdAt) }, report: sides.report } : null;
}

const argument = (name: string, fallback: number) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? Number(process.argv[at + 1]) : fallback;
};
const threshold = argument("--threshold", 0.7);
const l2 = argument("--l2", 0.001);

const { train } = chatSplit();
const rowsOf = (pairs: readonly (DuplicatePair & { writer: string })[]) =>
  pairs.map((pair) => {
    const sides = sidesOf(pair);
    const why = sides ? whyDifferentMatters(sides.report, sides.ticket) : "not a report";
    const features = sides && !differentMatters(sides.report, sides.ticket) ? pairFeatures(sides.ticket, { ...sides.report, text: sides.report.content }) : null;
    return { pair, writer: pair.writer, same: pair.same, why, features };
  });
const writerRows = rowsOf(train.pairs);
const tableRows = rowsOf(tablePairs());
writeFileSync(CACHE, JSON.stringify(cache));

const writers = [...new Set(writerRows.map((row) => row.writer))].sort();
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const usable = <T extends { features: number[] | null }>(rows: readonly T[]) => rows.filter((row): row is T & { features: number[] } => row.features !== null);
// With --tfidf, the cosine of the two sides' character pairs weighted by their rarity among the other
// writers' lines (never the left-out writer's) is one more feature.
const tfidf = process.argv.includes("--tfidf");
function rarityWithout(writer: string) {
  const lines = train.lines.filter((line) => line.writer !== writer);
  const frequency = new Map<string, number>();
  for (const line of lines) for (const gram of bigramCounts(line.text).keys()) frequency.set(gram, (frequency.get(gram) ?? 0) + 1);
  return (gram: string) => Math.log((lines.length + 1) / ((frequency.get(gram) ?? 0) + 1));
}
const withCosine = <T extends { pair: DuplicatePair; features: number[] | null }>(rows: readonly T[], rarity: (gram: string) => number): T[] =>
  rows.map((row) => {
    const sides = sidesOf(row.pair);
    return row.features && sides ? { ...row, features: [...row.features, weightedCosine(sides.ticket.text, sides.report.content, rarity)] } : row;
  });
const names = tfidf ? [...PAIR_FEATURES, "weightedCosine"] : PAIR_FEATURES;
const scored = writers.flatMap((writer) => {
  const rarity = tfidf ? rarityWithout(writer) : () => 1;
  const expand = <T extends { pair: DuplicatePair; features: number[] | null }>(rows: readonly T[]) => (tfidf ? withCosine(rows, rarity) : [...rows]);
  const model = fitPairModel(usable(expand([...writerRows.filter((row) => row.writer !== writer), ...(process.argv.includes("--no-tables") ? [] : tableRows)])), names, l2);
  return expand(writerRows.filter((row) => row.writer === writer)).map((row) => ({ ...row, score: row.features ? pairProbability({ ...model, threshold: 0 }, row.features) : 0 }));
});
const figures = (rows: typeof scored) => {
  const joined = rows.filter((row) => row.score >= threshold);
  const truePositives = joined.filter((row) => row.same).length;
  return { precision: joined.length ? truePositives / joined.length : 1, recall: truePositives / Math.max(1, rows.filter((row) => row.same).length), pairs: rows.length };
};
if (process.argv.includes("--sweep")) {
  const cut = (at: number) => {
    const joined = scored.filter((row) => row.score >= at);
    const truePositives = joined.filter((row) => row.same).length;
    return `${at}: ${pct(truePositives / Math.max(1, joined.length))}/${pct(truePositives / scored.filter((row) => row.same).length)}`;
  };
  console.log([0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8].map(cut).join("  "));
}
console.log(`l2 ${l2}, threshold ${threshold}`);
console.log("| writer | pairs | precision | recall |\n| --- | --- | --- | --- |");
for (const writer of writers) {
  const { precision, recall, pairs } = figures(scored.filter((row) => row.writer === writer));
  console.log(`| ${writer} | ${pairs} | ${pct(precision)} | ${pct(recall)} |`);
}
const all = figures(scored);
console.log(`| all | ${all.pairs} | **${pct(all.precision)}** | **${pct(all.recall)}** |`);
if (process.argv.includes("--misses")) {
  for (const row of scored) {
    const joined = row.score >= threshold;
    if (joined === row.same) continue;
    const why = row.features ? `score ${row.score.toFixed(2)}` : `rules: ${row.why}`;
    console.log(`${row.same ? "MISSED" : "JOINED"} ${row.writer} [${why}] ${row.pair.a} ｜ ${row.pair.b}`);
    if (process.argv.includes("--sides")) {
      const sides = sidesOf(row.pair);
      if (sides) console.log(`   ticket ${JSON.stringify({ ...sides.ticket, text: undefined, createdAt: undefined, number: undefined })}\n   report ${JSON.stringify({ ...sides.report, content: undefined })}`);
    }
  }
}
