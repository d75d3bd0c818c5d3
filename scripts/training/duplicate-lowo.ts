/**
 * tsx scripts/training/duplicate-lowo.ts [l2] [threshold] [--misses]
 *
 * The duplicate matching judged by leave-one-writer-out over the train writers' pairs (never the test writers'):
 * for each train writer the similarity is fitted on the other train writers' pairs and the tables A–D, and
 * judges the left-out writer's pairs through the rules and the model. Prints precision and recall pooled and by
 * writer; with --misses, each wrong pair and why (told apart by the rules, or scored below the threshold).
 */
import { DUPLICATE_MODEL } from "../../src/domain/duplicateModel.ts";
import { chatSplit, trainWriters } from "./chatCorpus.ts";
import { fitOnWriters, pairRows, rowScore, tablePairs } from "./duplicatePairs.ts";

const [l2Argument, thresholdArgument] = process.argv.slice(2).filter((argument) => !argument.startsWith("--"));
const l2 = Number(l2Argument ?? 0.01);
const threshold = Number(thresholdArgument ?? DUPLICATE_MODEL.threshold);
const { train } = chatSplit();
const writerRows = pairRows(train.pairs);
const tableRows = pairRows(tablePairs());
const writers = trainWriters(train.lines);
const pct = (value: number) => `${(value * 100).toFixed(1)}%`;

const judged = writers.flatMap((writer) => {
  const model = fitOnWriters(writerRows, tableRows, (other) => other !== writer, l2);
  return train.pairs.flatMap((pair, index) => {
    const row = writerRows[index]!;
    if (row.writer !== writer) return [];
    const score = rowScore(model, row);
    return [{ pair, same: row.same, score, joined: score !== null && score >= threshold }];
  });
});

function figures(rows: readonly (typeof judged)[number][]) {
  const truePositives = rows.filter((row) => row.joined && row.same).length;
  const joined = rows.filter((row) => row.joined).length;
  const same = rows.filter((row) => row.same).length;
  return `${rows.length} pairs: precision ${pct(joined ? truePositives / joined : 1)}, recall ${pct(same ? truePositives / same : 1)}`;
}

console.log(`l2 ${l2}, threshold ${threshold}; all train writers, ${figures(judged)}`);
for (const writer of writers) console.log(`  ${writer}: ${figures(judged.filter((row) => row.pair.writer === writer))}`);
if (process.argv.includes("--misses")) {
  for (const row of judged) {
    if (row.joined === row.same) continue;
    const why = row.same ? (row.score === null ? "missed, told apart by the rules" : `missed, ${row.score.toFixed(2)}`) : `wrongly joined, ${row.score?.toFixed(2)}`;
    console.log(`${row.pair.writer} ${why}: ${row.pair.a} ｜ ${row.pair.b}${row.pair.note ? `  (${row.pair.note})` : ""}`);
  }
}
