/**
 * tsx scripts/training/choose-chat-thresholds.ts [--grid JSON]
 *
 * How the chat models' thresholds were chosen: leave-one-writer-out over the train writers only (never the
 * test writers). For each train writer, the urgency, hazard and intent models are trained on the other train
 * writers and the bot reads the left-out writer's lines; the figures are pooled over writers, for each
 * candidate threshold. (The category and colour models are the committed ones: these figures are for the
 * danger and intent choices only.)
 */
import { scoreChatLines } from "../evaluation/chatLines.ts";
import { chatFolds } from "./chatFolds.ts";

// Each fold's models are trained once and kept (chatFolds.ts): a second run only reads.
const folds = chatFolds();

const base = { red: 0.4, advice: 0.2, notAReport: 0.8, report: 0.9, followUp: 0.7, dangerNeedsReport: 0.3, hazardForRed: 0.5, accountMaxReport: 0.5 };

function pooled(thresholds: typeof base) {
  const scores = folds.map((fold) => ({ n: fold.lines.length, score: scoreChatLines(fold.lines, { models: fold.models, thresholds }) }));
  const total = (pick: (score: ReturnType<typeof scoreChatLines>) => number, weight: (score: ReturnType<typeof scoreChatLines>) => number) =>
    scores.reduce((sum, { score }) => sum + pick(score) * weight(score), 0) / scores.reduce((sum, { score }) => sum + weight(score), 0);
  return {
    redRecall: total((s) => s.redRecall, (s) => s.urgent),
    advice: total((s) => s.adviceRate, (s) => s.urgent),
    falseRedOrdinary: total((s) => s.falseRedOrdinary, (s) => s.ordinary),
    possibleOrdinary: total((s) => s.possibleOrdinary, (s) => s.ordinary),
    falseRedHedged: total((s) => s.falseRedHedged, (s) => s.hedged),
    intents: total((s) => s.intentAccuracy, (s) => s.lines),
    nonProblemsFiled: scores.reduce((sum, { score }) => sum + score.nonProblemsFiled, 0),
    reportsLost: scores.reduce((sum, { score }) => sum + score.reportsLost, 0),
    reportsAsFollowUps: scores.reduce((sum, { score }) => sum + score.reportsAsFollowUps, 0),
    urgentReportsLost: scores.reduce((sum, { score }) => sum + score.urgentReportsLost, 0),
    filedByIntent: summed(scores.map(({ score }) => score.nonProblemsFiledByIntent)),
    lostAs: summed(scores.map(({ score }) => score.reportsLostAs)),
    byHazard: byHazard(scores.map(({ score }) => score.byHazard)),
  };
}

const pct = (value: number) => `${(value * 100).toFixed(Number(process.env.PCT_DIGITS ?? 1))}%`;
// Red recall by hazard, pooled over the writers (each writer's recall weighed by its urgent lines of that hazard).
function byHazard(perWriter: readonly Record<string, { recall: number; n: number }>[]): string {
  const pooledByHazard: Record<string, { red: number; n: number }> = {};
  for (const hazards of perWriter)
    for (const [hazard, { recall, n }] of Object.entries(hazards)) {
      const entry = (pooledByHazard[hazard] ??= { red: 0, n: 0 });
      entry.red += recall * n;
      entry.n += n;
    }
  return Object.entries(pooledByHazard)
    .map(([hazard, { red, n }]) => `${hazard} ${pct(red / n)} (${n})`)
    .join(", ");
}
function summed(counts: readonly Record<string, number>[]): string {
  const total: Record<string, number> = {};
  for (const count of counts) for (const [key, n] of Object.entries(count)) total[key] = (total[key] ?? 0) + n;
  return Object.entries(total)
    .sort((a, b) => b[1] - a[1])
    .map(([key, n]) => `${key} ${n}`)
    .join(", ");
}
// --grid '[{"notAReport":0.8,"followUp":0.7}, …]' scores those combinations instead of the default one-at-a-time grid.
const gridOption = process.argv.indexOf("--grid");
const defaultGrid: Partial<typeof base>[] = [
  ...[0.3, 0.4, 0.5, 0.6].map((red) => ({ red })),
  ...[0.1, 0.15, 0.2, 0.3].map((advice) => ({ advice })),
  ...[0.8, 0.85, 0.9, 0.95, 0.97, 0.99, 1.01].map((notAReport) => ({ notAReport })),
  ...[0.8, 0.9, 1.01].map((report) => ({ report })),
  ...[0.3, 0.4, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01].map((followUp) => ({ followUp })),
  ...[0, 0.3, 0.5, 0.7].map((dangerNeedsReport) => ({ dangerNeedsReport })),
  ...[0, 0.3, 0.4, 0.5, 0.6, 0.7].map((hazardForRed) => ({ hazardForRed })),
  ...[0, 0.3, 0.5, 0.7, 0.9, 1.01].map((accountMaxReport) => ({ accountMaxReport })),
];
const grid: Partial<typeof base>[] = gridOption >= 0 ? (JSON.parse(process.argv[gridOption + 1] ?? "[]") as Partial<typeof base>[]) : defaultGrid;
for (const change of grid) {
  const thresholds = { ...base, ...change };
  const f = pooled(thresholds);
  console.log(
    `${JSON.stringify(change)}: red ${pct(f.redRecall)}, advice ${pct(f.advice)}, false red ${pct(f.falseRedOrdinary)} / hedged ${pct(f.falseRedHedged)}, possible on ordinary ${pct(f.possibleOrdinary)}, intents ${pct(f.intents)}, non-problems filed ${f.nonProblemsFiled}, reports lost ${f.reportsLost} (of them held as follow-ups ${f.reportsAsFollowUps}; red or possible not filed nor carried ${f.urgentReportsLost})\n  filed: ${f.filedByIntent}\n  lost as: ${f.lostAs}\n  red by hazard: ${f.byHazard}`,
  );
}
