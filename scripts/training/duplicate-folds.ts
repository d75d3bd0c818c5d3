/**
 * tsx scripts/training/duplicate-folds.ts [--l2=0.001] [--fresh=w96] [--fit-under=DIR] [--rounds] [--misses] [--parted]
 *
 * The duplicate matching judged as new writers meet it, over the train writers' pairs only (never the test
 * writers'):
 * - ten writer folds (the writers in their order, every tenth in one fold), each fold's pairs judged by a model
 *   fitted on the other writers' pairs and the tables A–D;
 * - the latest block of writers (--fresh, from that writer on) judged by a model fitted on the writers before it
 *   and the tables, as a new round's writers meet a model fitted before them, and by the model as shipped
 *   (duplicateModel.ts), which is that model when it was fitted on the writers before the block.
 * For each threshold it prints precision and recall with the pairs joined rightly, joined wrongly and missed.
 *
 * --fit-under=DIR fits each model on the pairs as another version of the source reads them (DIR is its src folder,
 * e.g. `git archive a615238 src | tar -x -C /tmp/r16` and --fit-under=/tmp/r16/src): the rules and features of that
 * version choose and describe the pairs the model learns from, this version's rules and features judge. A model
 * kept as shipped while the rules change is judged so. --rounds: each of the last four rounds' writers judged by a
 * model fitted on the writers before them. --misses: the folds' wrong joins and misses, never the fresh block's, so
 * that rules written from them can still be judged there. --parted: the pairs the rules part (the fresh block's left
 * out too). Each pair's two sides are read once (the bot's understanding of each line, the slow part) and cached in
 * node_modules/.cache/yishi-duplicate-sides.json; the rules and features run afresh every time.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { pathToFileURL } from "node:url";
import { DUPLICATE_MODEL } from "../../src/domain/duplicateModel.ts";
import { PAIR_FEATURES, pairFeatures } from "../../src/domain/duplicateFeatures.ts";
import { differentMatters, nobodyThereBesideDanger } from "../../src/domain/duplicates.ts";
import { pairProbability, type PairModel } from "../../src/domain/pairModel.ts";
import { readPair } from "../evaluation/duplicatePairs.ts";
import { chatSplit, compareWriters } from "./chatCorpus.ts";
import { fitPairModel, tablePairs } from "./duplicatePairs.ts";

const option = (name: string) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1];
const l2 = Number(option("l2") ?? 0.001);
const freshFrom = Number((option("fresh") ?? "w96").slice(1));
const THRESHOLDS = [0.4, 0.45, 0.5, 0.525, 0.55, 0.575, 0.6, 0.65, 0.7];
const FOLDS = 10;

type Sides = NonNullable<ReturnType<typeof readPair>>;
interface ReadPair {
  writer: string;
  a: string;
  b: string;
  same: boolean;
  sides: Sides | null;
}

const cacheFile = new URL("../../node_modules/.cache/yishi-duplicate-sides.json", import.meta.url);

function readPairs(): ReadPair[] {
  if (existsSync(cacheFile)) {
    const cached = JSON.parse(readFileSync(cacheFile, "utf8")) as ReadPair[];
    for (const pair of cached) if (pair.sides) pair.sides.ticket.createdAt = new Date(pair.sides.ticket.createdAt);
    return cached;
  }
  const pairs = [...chatSplit().train.pairs, ...tablePairs()].map((pair) => ({ writer: pair.writer, a: pair.a, b: pair.b, same: pair.same, sides: readPair(pair) }));
  mkdirSync(new URL(".", cacheFile), { recursive: true });
  writeFileSync(cacheFile, JSON.stringify(pairs));
  return pairs;
}

interface Reading {
  differentMatters: typeof differentMatters;
  pairFeatures: typeof pairFeatures;
}
const fitUnder = option("fit-under");
const fitting: Reading = fitUnder
  ? {
      ...((await import(pathToFileURL(`${fitUnder}/domain/duplicates.ts`).href)) as Pick<Reading, "differentMatters">),
      ...((await import(pathToFileURL(`${fitUnder}/domain/duplicateFeatures.ts`).href)) as Pick<Reading, "pairFeatures">),
    }
  : { differentMatters, pairFeatures };

/** A pair's features as a reading gives them, or null when its rules part the two. */
const featuresOf = (reading: Reading, sides: Sides | null) =>
  sides && !reading.differentMatters(sides.report, sides.ticket) ? reading.pairFeatures(sides.ticket, { ...sides.report, text: sides.report.content }) : null;

const rows = readPairs().map((pair) => {
  const judged = featuresOf({ differentMatters, pairFeatures }, pair.sides);
  // A danger now beside nobody there is never joined, though the model learns from the pair.
  const joinable = judged && pair.sides && !nobodyThereBesideDanger(pair.sides.report, pair.sides.ticket) ? judged : null;
  return { pair, writer: pair.writer, same: pair.same, joinable, learnt: fitUnder ? featuresOf(fitting, pair.sides) : judged };
});
type Row = (typeof rows)[number];
const isWriter = (writer: string) => writer.startsWith("w");
const tableRows = rows.filter((row) => !isWriter(row.writer));
const writerRows = rows.filter((row) => isWriter(row.writer));
const writers = [...new Set(writerRows.map((row) => row.writer))].sort(compareWriters);
const writerNumber = (writer: string) => Number(writer.slice(1));
const isFresh = (writer: string) => writerNumber(writer) >= freshFrom;

function fit(keep: (writer: string) => boolean): PairModel {
  const learnt = [...writerRows.filter((row) => keep(row.writer)), ...tableRows].flatMap((row) => (row.learnt ? [{ features: row.learnt, same: row.same }] : []));
  return { ...fitPairModel(learnt, PAIR_FEATURES, l2), threshold: 0 };
}

interface Scored {
  row: Row;
  score: number;
}
const scoreWith = (model: PairModel, judged: readonly Row[]): Scored[] =>
  judged.map((row) => ({ row, score: row.joinable ? pairProbability(model, row.joinable) : -1 }));

const folded: Scored[] = Array.from({ length: FOLDS }, (_, fold) => {
  const inFold = new Set(writers.filter((_, index) => index % FOLDS === fold));
  return scoreWith(
    fit((writer) => !inFold.has(writer)),
    writerRows.filter((row) => inFold.has(row.writer)),
  );
}).flat();
const freshRows = writerRows.filter((row) => isFresh(row.writer));
const fresh = scoreWith(
  fit((writer) => !isFresh(writer)),
  freshRows,
);
const freshShipped = scoreWith(DUPLICATE_MODEL, freshRows);

const pct = (value: number) => (value * 100).toFixed(1);
function figures(scored: readonly Scored[], threshold: number): string {
  const joined = scored.filter((item) => item.score >= threshold);
  const right = joined.filter((item) => item.row.same).length;
  const same = scored.filter((item) => item.row.same).length;
  const precision = joined.length ? right / joined.length : 1;
  const recall = same ? right / same : 1;
  return `${pct(precision)} / ${pct(recall)} (P+R ${pct(precision + recall)}; ${right} right, ${joined.length - right} wrong, ${same - right} missed)`;
}

const parted = writerRows.filter((row) => row.joinable === null);
console.log(
  `l2 ${l2}${fitUnder ? `, fitted under ${fitUnder}` : ""}; ${writerRows.length} pairs of ${writers.length} train writers (${writerRows.filter((row) => row.same).length} same); never joined (parted, or a side not read as a report) ${parted.length}, of them same ${parted.filter((row) => row.same).length}`,
);
const foldsBefore = folded.filter((item) => !isFresh(item.row.writer));
for (const threshold of THRESHOLDS) {
  console.log(
    `${threshold} | folds ${figures(folded, threshold)} | folds before w${freshFrom} ${figures(foldsBefore, threshold)} | w${freshFrom}– as a block ${figures(fresh, threshold)} | w${freshFrom}– by the shipped model ${figures(freshShipped, threshold)}`,
  );
}

// The last four rounds' test writers, each judged by a model fitted on the writers before them: how a threshold
// holds for people the model never met, round by round.
if (process.argv.includes("--rounds")) {
  for (const [first, last] of [
    [72, 79],
    [80, 87],
    [88, 95],
    [96, 103],
  ] as const) {
    const inRound = (writer: string) => writerNumber(writer) >= first && writerNumber(writer) <= last;
    const scored = scoreWith(
      fit((writer) => writerNumber(writer) < first),
      writerRows.filter((row) => inRound(row.writer)),
    );
    for (const threshold of THRESHOLDS) console.log(`w${first}–w${last} fitted on the writers before, ${threshold} | ${figures(scored, threshold)}`);
  }
}

if (process.argv.includes("--parted")) {
  for (const row of writerRows) {
    if (row.joinable === null && row.pair.sides && !isFresh(row.writer)) console.log(`parted ${row.same ? "same" : "different"} ${row.writer}: ${row.pair.a} ｜ ${row.pair.b}`);
  }
}

if (process.argv.includes("--misses")) {
  const threshold = Number(option("threshold") ?? DUPLICATE_MODEL.threshold);
  for (const { row, score } of foldsBefore) {
    const joined = score >= threshold;
    if (joined === row.same) continue;
    const why = row.same ? (score < 0 ? "missed, parted" : `missed, ${score.toFixed(2)}`) : `wrongly joined, ${score.toFixed(2)}`;
    console.log(`${row.writer} ${why}: ${row.pair.a} ｜ ${row.pair.b}`);
  }
}
