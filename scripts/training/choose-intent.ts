/**
 * INTENT_FOLDS_GROUPS=5 tsx scripts/training/choose-intent.ts [--grid JSON] [--lines] [--only w80,w81,…] [--baseline DIR [--baseline-thresholds JSON]]
 *
 * The intent model retrained without each group of writers (intentFolds.ts), against the committed one (or the models
 * in DIR, read with those thresholds: the fourteenth round's are `git show 20913a5:models/intent.json` with
 * '{"dangerNeedsReport":0.5}'), on the
 * writers the committed danger models never saw: non-problems filed, reports not filed, intent accuracy, and
 * every urgent line (red or possible) that loses its red or its advice to the retrained intent model. Never the
 * test writers. --grid '[{"notAReport":0.8}, …]' scores those thresholds; --lines lists the lines filed or lost.
 */
import { dangerOf, lineCounts, scoreChatLines } from "../evaluation/chatLines.ts";
import { bundledModels, loadModels, type Models } from "../../src/bot/classifier/models.ts";
import { type Thresholds } from "../../src/bot/understand.ts";
import type { ChatLine } from "./chatCorpus.ts";
import { intentFolds } from "./intentFolds.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

// --only w80,w81,…: read only these writers' lines (each still with the fold's model trained without them).
const onlyAt = process.argv.indexOf("--only");
const only = onlyAt >= 0 ? (process.argv[onlyAt + 1] ?? "").split(",") : null;
const folds = intentFolds().map((fold) => (only ? { ...fold, lines: fold.lines.filter((line) => only.includes(line.writer)) } : fold));
const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const baselineDir = option("--baseline");
const baseline = baselineDir ? { ...bundledModels(), intent: loadModels(baselineDir).intent } : bundledModels();
const baselineThresholds = JSON.parse(option("--baseline-thresholds") ?? "{}") as Partial<Thresholds>;
const gridAt = process.argv.indexOf("--grid");
const grid = gridAt >= 0 ? (JSON.parse(process.argv[gridAt + 1] ?? "[]") as Partial<Thresholds>[]) : [{}];
const listing = process.argv.includes("--lines");

function dangerRead(line: ChatLine, models: Models, thresholds: Partial<Thresholds>) {
  const got = readAsTheBot(line.text, { models, thresholds });
  return dangerOf(got).tier;
}

function pooled(readWith: (fold: (typeof folds)[number]) => Models, thresholds: Partial<Thresholds>) {
  const totals = { lines: 0, right: 0, nonProblems: 0, filed: 0, reports: 0, lost: 0, carried: 0, red: 0, advice: 0, urgent: 0, ordinary: 0, falseRed: 0, possible: 0, hedged: 0, hedgedRed: 0 };
  const filedBy: Record<string, number> = {};
  const rows: string[] = [];
  for (const fold of folds) {
    const score = scoreChatLines(fold.lines, { models: readWith(fold), thresholds });
    totals.lines += score.lines;
    totals.right += Math.round(score.intentAccuracy * score.lines);
    totals.nonProblems += score.nonProblems;
    totals.filed += score.nonProblemsFiled;
    totals.lost += score.reportsLost;
    totals.carried += score.reportsAsFollowUps;
    const counts = lineCounts(score);
    totals.urgent += score.urgent;
    totals.red += counts.red;
    totals.advice += counts.advice;
    totals.ordinary += score.ordinary;
    totals.falseRed += counts.falseRed;
    totals.possible += counts.possible;
    totals.hedged += score.hedged;
    totals.hedgedRed += counts.hedgedRed;
    for (const [intent, n] of Object.entries(score.nonProblemsFiledByIntent)) filedBy[intent] = (filedBy[intent] ?? 0) + n;
    if (listing) rows.push(...score.intentMisses.filter((miss) => miss.startsWith("report→") || miss.endsWith("→report") || /→report:/.test(miss)));
  }
  return { ...totals, filedBy, rows };
}

/** Urgent lines (red or possible) whose red or advice the retrained intent model takes away. */
function dangerLost(thresholds: Partial<Thresholds>) {
  const lost: string[] = [];
  for (const fold of folds)
    for (const line of fold.lines.filter((row) => row.urgency !== "none")) {
      const before = dangerRead(line, baseline, baselineThresholds);
      const after = dangerRead(line, fold.models, thresholds);
      if ((before === "red" && after !== "red") || (before !== null && after === null)) lost.push(`${line.writer}\t${line.urgency}\t${before} → ${after}\t${line.text}`);
    }
  return lost;
}

const describe = (label: string, f: ReturnType<typeof pooled>) =>
  `${label}: intents ${((100 * f.right) / f.lines).toFixed(2)}% (${f.right} of ${f.lines}), non-problems filed ${f.filed} of ${f.nonProblems}, reports not filed ${f.lost} (carried as follow-ups ${f.carried}), red ${f.red} / advice ${f.advice} of ${f.urgent}, false red ${f.falseRed} of ${f.ordinary} ordinary (possible ${f.possible}) / ${f.hedgedRed} of ${f.hedged} hedged\n  filed: ${JSON.stringify(f.filedBy)}`;

console.log(`writers: ${folds.flatMap((fold) => fold.writers).join(" ")}`);
const before = pooled(() => baseline, baselineThresholds);
console.log(describe(baselineDir ? `intent model of ${baselineDir}` : "committed intent model", before));
for (const thresholds of grid) {
  const after = pooled((fold) => fold.models, thresholds);
  console.log(describe(`retrained ${JSON.stringify(thresholds)}`, after));
  const lost = dangerLost(thresholds);
  console.log(`  urgent lines losing red or advice: ${lost.length}`);
  for (const row of lost) console.log(`    ${row}`);
  if (listing) for (const row of after.rows.sort()) console.log(`  ${row}`);
}
