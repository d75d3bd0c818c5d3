/**
 * tsx scripts/training/duplicate-tables.ts [--wrong]
 *
 * The duplicate matching as shipped (rules and duplicateModel.ts) on the pair tables A–E: precision and recall of
 * each, and with --wrong the pairs it judged wrongly. Table E was never tuned on; A–D are regression guards.
 */
import { scoreDuplicatePairs, type DuplicatePair } from "../evaluation/duplicatePairs.ts";
import { readTable } from "../evaluation/tables.ts";

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
for (const table of ["a", "b", "c", "d", "e"]) {
  const result = scoreDuplicatePairs(readTable<DuplicatePair>(`duplicate-pairs-${table}.json`));
  console.log(`table ${table.toUpperCase()}: ${result.pairs} pairs, precision ${pct(result.precision)}, recall ${pct(result.recall)}`);
  if (process.argv.includes("--wrong")) for (const line of result.wrong) console.log(`  ${line}`);
}
