/**
 * tsx scripts/training/duplicate-recall-first.ts [--l2=0.0001,0.001,0.01] [--label=name] [--shipped] [--at=l2:threshold]
 *
 * The duplicate matching's operating point judged recall first, over the train writers' pairs only (never the
 * test writers'). For each penalty, two ways of holding writers out:
 * - leave one writer out: each writer's pairs scored by a model fitted on the other writers' pairs and tables A–D;
 * - the fresh rounds as a block: w45–w59 (the eighth to tenth rounds' test writers) scored by a model fitted on
 *   w01–w44 and the tables only, as a new round's writers meet a model fitted before them.
 * For each threshold it prints precision and recall pooled, the worst quartile of writers (the pooled recall of
 * the quarter of writers with the lowest recall at that threshold), the lowest writer, and the fresh block both
 * ways. Pairs the rules tell apart (or a danger now beside nobody there) count as not joined. With --shipped, the model in duplicateModel.ts as it is,
 * scored without refitting (in-sample for the writers it was fitted on).
 * With --at=l2:threshold (or --at=shipped:threshold) only that point, by writer and by block of writers.
 * The pairs' features are read once and cached by --label in node_modules/.cache/yishi-duplicate-rows/.
 */
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { DUPLICATE_MODEL } from "../../src/domain/duplicateModel.ts";
import { chatSplit, compareWriters } from "./chatCorpus.ts";
import { fitOnWriters, pairRows, rowScore, tablePairs, type PairRow } from "./duplicatePairs.ts";

const option = (name: string) => process.argv.find((argument) => argument.startsWith(`--${name}=`))?.split("=")[1];
const label = option("label") ?? "current";
const penalties = (option("l2") ?? "0.0001,0.001,0.01").split(",").map(Number);
const THRESHOLDS = [0.3, 0.35, 0.4, 0.45, 0.5, 0.55, 0.6, 0.65, 0.7, 0.75, 0.8];
const FRESH_BLOCK = (writer: string) => writer >= "w45" && writer <= "w59";

const cacheDir = new URL("../../node_modules/.cache/yishi-duplicate-rows/", import.meta.url);
const cacheFile = new URL(`${label}.json`, cacheDir);
const { writerRows, tableRows } = existsSync(cacheFile)
  ? (JSON.parse(readFileSync(cacheFile, "utf8")) as { writerRows: PairRow[]; tableRows: PairRow[] })
  : (() => {
      const rows = { writerRows: pairRows(chatSplit().train.pairs), tableRows: pairRows(tablePairs()) };
      mkdirSync(cacheDir, { recursive: true });
      writeFileSync(cacheFile, JSON.stringify(rows));
      return rows;
    })();
const writers = [...new Set(writerRows.map((row) => row.writer))].sort(compareWriters);
const pct = (value: number) => `${(value * 100).toFixed(1)}`;

interface Scored {
  writer: string;
  same: boolean;
  score: number;
}

function scoreWith(model: Omit<typeof DUPLICATE_MODEL, "threshold">, rows: readonly PairRow[]): Scored[] {
  return rows.map((row) => ({ writer: row.writer, same: row.same, score: rowScore(model, row) ?? -1 }));
}

function figures(rows: readonly Scored[], threshold: number) {
  const joined = rows.filter((row) => row.score >= threshold);
  const truePositives = joined.filter((row) => row.same).length;
  const same = rows.filter((row) => row.same).length;
  return { precision: joined.length ? truePositives / joined.length : 1, recall: same ? truePositives / same : 1, truePositives, same };
}

function report(name: string, lowo: Scored[], block: Scored[] | null) {
  console.log(`\n${name}`);
  console.log("threshold | pooled P / R | F1 | worst quartile R | lowest writer R | w45–w59 LOWO P / R | w45–w59 as a block P / R");
  for (const threshold of THRESHOLDS) {
    const pooled = figures(lowo, threshold);
    const byWriter = writers.map((writer) => ({ writer, ...figures(lowo.filter((row) => row.writer === writer), threshold) }));
    byWriter.sort((a, b) => a.recall - b.recall);
    const quartile = byWriter.slice(0, Math.ceil(writers.length / 4));
    const quartileRecall = quartile.reduce((sum, row) => sum + row.truePositives, 0) / quartile.reduce((sum, row) => sum + row.same, 0);
    const fresh = figures(
      lowo.filter((row) => FRESH_BLOCK(row.writer)),
      threshold,
    );
    const asBlock = block ? figures(block, threshold) : null;
    const f1 = (2 * pooled.precision * pooled.recall) / (pooled.precision + pooled.recall);
    console.log(
      `${threshold} | ${pct(pooled.precision)} / ${pct(pooled.recall)} | ${pct(f1)} | ${pct(quartileRecall)} | ${byWriter[0]!.writer} ${pct(byWriter[0]!.recall)} | ${pct(fresh.precision)} / ${pct(fresh.recall)} | ${asBlock ? `${pct(asBlock.precision)} / ${pct(asBlock.recall)}` : "–"}`,
    );
  }
}

// The writers by the round that brought them (training/chat/README.md).
const BLOCKS: [string, string, string][] = [
  ["w01–w18", "w01", "w18"],
  ["w19–w28", "w19", "w28"],
  ["w29–w44", "w29", "w44"],
  ["w45–w52 (eighth round)", "w45", "w52"],
  ["w53–w56 (ninth round)", "w53", "w56"],
  ["w57–w59 (tenth round)", "w57", "w59"],
  ["w60–w67 (eleventh round)", "w60", "w67"],
  ["w68–w71 (twelfth round)", "w68", "w71"],
];

function reportAt(lowo: Scored[], threshold: number) {
  const line = (name: string, rows: Scored[]) => {
    const result = figures(rows, threshold);
    console.log(`${name} | ${rows.length} | ${pct(result.precision)} / ${pct(result.recall)}`);
  };
  line("all", lowo);
  const byWriter = writers.map((writer) => ({ writer, ...figures(lowo.filter((row) => row.writer === writer), threshold) }));
  const quartile = [...byWriter].sort((a, b) => a.recall - b.recall).slice(0, Math.ceil(writers.length / 4));
  console.log(`worst quartile (${quartile.map((row) => row.writer).join(" ")}): recall ${pct(quartile.reduce((sum, row) => sum + row.truePositives, 0) / quartile.reduce((sum, row) => sum + row.same, 0))}`);
  for (const [name, first, last] of BLOCKS) line(name, lowo.filter((row) => row.writer >= first && row.writer <= last));
  for (const writer of writers) line(writer, lowo.filter((row) => row.writer === writer));
}

const at = option("at")?.split(":");
if (at) {
  const [penalty = "shipped", threshold = String(DUPLICATE_MODEL.threshold)] = at;
  const lowo =
    penalty === "shipped"
      ? scoreWith(DUPLICATE_MODEL, writerRows)
      : writers.flatMap((writer) =>
          scoreWith(
            fitOnWriters(writerRows, tableRows, (other) => other !== writer, Number(penalty)),
            writerRows.filter((row) => row.writer === writer),
          ),
        );
  console.log(`${label}, ${penalty === "shipped" ? "the model as shipped" : `l2 ${penalty} refitted without each writer`}, threshold ${threshold}`);
  reportAt(lowo, Number(threshold));
  process.exit(0);
}

const vetoed = writerRows.filter((row) => row.features === null);
console.log(`${label}: ${writerRows.length} pairs of ${writers.length} train writers (${writerRows.filter((row) => row.same).length} same); told apart by the rules ${vetoed.length}, of them same ${vetoed.filter((row) => row.same).length}`);
if (process.argv.includes("--shipped")) report("shipped model, not refitted", scoreWith(DUPLICATE_MODEL, writerRows), null);
for (const l2 of penalties) {
  const lowo = writers.flatMap((writer) =>
    scoreWith(
      fitOnWriters(writerRows, tableRows, (other) => other !== writer, l2),
      writerRows.filter((row) => row.writer === writer),
    ),
  );
  const block = scoreWith(
    fitOnWriters(writerRows, tableRows, (writer) => !FRESH_BLOCK(writer), l2),
    writerRows.filter((row) => FRESH_BLOCK(row.writer)),
  );
  report(`l2 ${l2}, refitted without the writers judged`, lowo, block);
}
