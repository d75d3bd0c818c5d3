/**
 * CHAT_FOLDS_GROUPS=14 npx tsx scripts/training/danger-lowo.ts [w53,w54 …]
 *
 * The danger figures by leave-a-group-out over the train writers (chatFolds.ts; the folds' models are cached,
 * so a change of the rules alone is scored in minutes): red recall overall and by hazard, advice on urgent
 * lines, false red on ordinary and hedged lines, possible danger on ordinary ones; then the same for each writer
 * named (its lines read by the fold that left it out). Never the test writers.
 */
import { scoreChatLines } from "../evaluation/chatLines.ts";
import { chatFolds } from "./chatFolds.ts";

const pct = (value: number) => `${(value * 100).toFixed(1)}%`;
const folds = chatFolds();
const named = (process.argv[2] ?? "").split(",").filter(Boolean);

type Score = ReturnType<typeof scoreChatLines>;
function report(label: string, scores: readonly Score[]): string {
  const total = (pick: (s: Score) => number, weight: (s: Score) => number) =>
    scores.reduce((sum, s) => sum + pick(s) * weight(s), 0) / Math.max(1, scores.reduce((sum, s) => sum + weight(s), 0));
  const urgent = scores.reduce((sum, s) => sum + s.urgent, 0);
  const hazards: Record<string, { red: number; n: number }> = {};
  for (const s of scores)
    for (const [hazard, { recall, n }] of Object.entries(s.byHazard)) {
      const entry = (hazards[hazard] ??= { red: 0, n: 0 });
      entry.red += recall * n;
      entry.n += n;
    }
  const byHazard = Object.entries(hazards)
    .map(([hazard, { red, n }]) => `${hazard} ${pct(red / n)} (${Math.round(red)}/${n})`)
    .join(", ");
  return [
    `${label}: red ${pct(total((s) => s.redRecall, (s) => s.urgent))} of ${urgent}, advice ${pct(total((s) => s.adviceRate, (s) => s.urgent))},`,
    ` false red ordinary ${pct(total((s) => s.falseRedOrdinary, (s) => s.ordinary))} / hedged ${pct(total((s) => s.falseRedHedged, (s) => s.hedged))},`,
    ` possible on ordinary ${pct(total((s) => s.possibleOrdinary, (s) => s.ordinary))}\n  red by hazard: ${byHazard}`,
  ].join("");
}

console.log(report(`all train writers (${folds.length} folds)`, folds.map((fold) => scoreChatLines(fold.lines, { models: fold.models }))));
for (const writer of named) {
  const scores = folds
    .map((fold) => ({ fold, lines: fold.lines.filter((line) => line.writer === writer) }))
    .filter(({ lines }) => lines.length > 0)
    .map(({ fold, lines }) => scoreChatLines(lines, { models: fold.models }));
  console.log(report(writer, scores));
}
