/**
 * CHAT_FOLDS_GROUPS=11 tsx scripts/training/second-reading-lowo.ts [--grid JSON] [--list] [--intent-of-first-writers]
 *
 * How the second reading's thresholds (danger.ts: SECOND_RED, SECOND_HAZARD_FOR_RED) were chosen: leave-a-group-
 * out over the train writers (chatFolds.ts; never the test writers), each fold's first reading trained on w01–w32
 * without the fold, its second reading on every train writer without it. Eleven groups are about eight writers
 * each, the size of a round's test writers, so each fold is one more round of new people: for each candidate, the
 * red lines gained and lost against the first reading alone, the advice, the false red on ordinary and hedged
 * lines and the possible danger on ordinary ones, in lines, in all and in the worst fold. --list prints the lines
 * that change.
 */
import { lineCounts, scoreChatLines } from "../evaluation/chatLines.ts";
import type { DangerThresholds } from "../../src/bot/danger.ts";
import { chatSplit } from "./chatCorpus.ts";
import { chatFolds, trainedOnce, type ChatFold } from "./chatFolds.ts";
import { chatExamples, isFirstReadingWriter, OPTIONS } from "./recipes.ts";

// --intent-of-first-writers: each fold's intent model on w01–w32 as well, as the committed one is (chatFolds trains
// it on every train writer but the fold's).
const folds = process.argv.includes("--intent-of-first-writers") ? chatFolds().map(withFirstWritersIntent) : chatFolds();
function withFirstWritersIntent(fold: ChatFold): ChatFold {
  const left = fold.writer.split("+");
  const lines = chatSplit().train.lines.filter((line) => isFirstReadingWriter(line.writer) && !left.includes(line.writer));
  return { ...fold, models: { ...fold.models, intent: trainedOnce(chatExamples(lines).intent, OPTIONS.intent) } };
}
const FIRST_ONLY: DangerThresholds = { secondRed: 1.01 };
const gridOption = process.argv.indexOf("--grid");
const grid: DangerThresholds[] =
  gridOption >= 0
    ? (JSON.parse(process.argv[gridOption + 1] ?? "[]") as DangerThresholds[])
    : [0.5, 0.6, 0.7, 0.8, 0.9].flatMap((secondRed) => [0.5, 0.7].map((secondHazardForRed) => ({ secondRed, secondHazardForRed })));
const listing = process.argv.includes("--list");

type Score = ReturnType<typeof scoreChatLines>;
const counted = (s: Score) => {
  const { red, advice, falseRed, hedgedRed, possible } = lineCounts(s);
  return { red, advice, falseRed, hedged: hedgedRed, possible, filed: s.nonProblemsFiled };
};
type Counts = ReturnType<typeof counted>;
const minus = (a: Counts, b: Counts): Counts => ({
  red: a.red - b.red,
  advice: a.advice - b.advice,
  falseRed: a.falseRed - b.falseRed,
  hedged: a.hedged - b.hedged,
  possible: a.possible - b.possible,
  filed: a.filed - b.filed,
});
const sum = (all: readonly Counts[]) => all.reduce((total, c) => ({ red: total.red + c.red, advice: total.advice + c.advice, falseRed: total.falseRed + c.falseRed, hedged: total.hedged + c.hedged, possible: total.possible + c.possible, filed: total.filed + c.filed }));

// Red lines of each hazard, pooled over the folds: "hazard before → after of n", lowest after first.
function byHazard(was: readonly Score[], is: readonly Score[]): string {
  const red = (scores: readonly Score[]) => {
    const pooled: Record<string, { red: number; n: number }> = {};
    for (const s of scores)
      for (const [hazard, { recall, n }] of Object.entries(s.byHazard)) {
        const entry = (pooled[hazard] ??= { red: 0, n: 0 });
        entry.red += Math.round(recall * n);
        entry.n += n;
      }
    return pooled;
  };
  const [a, b] = [red(was), red(is)];
  return Object.entries(b)
    .sort(([, x], [, y]) => x.red / x.n - y.red / y.n)
    .map(([hazard, { red: after, n }]) => `${hazard} ${a[hazard]?.red ?? 0} → ${after} of ${n}`)
    .join(", ");
}

const before = folds.map((fold) => scoreChatLines(fold.lines, { models: fold.models, thresholds: FIRST_ONLY }));
const totals = sum(before.map(counted));
const urgent = before.reduce((n, s) => n + s.urgent, 0);
const ordinary = before.reduce((n, s) => n + s.ordinary, 0);
const hedged = before.reduce((n, s) => n + s.hedged, 0);
console.log(
  `first reading alone (${folds.length} folds): red ${totals.red} of ${urgent}, advice ${totals.advice}, false red ${totals.falseRed} of ${ordinary} ordinary / ${totals.hedged} of ${hedged} hedged, possible on ordinary ${totals.possible}, non-problems filed ${totals.filed}`,
);
for (const change of grid) {
  const after = folds.map((fold) => scoreChatLines(fold.lines, { models: fold.models, thresholds: change }));
  const deltas = after.map((s, i) => minus(counted(s), counted(before[i]!)));
  const d = sum(deltas);
  const worst = {
    red: Math.min(...deltas.map((x) => x.red)),
    falseRed: Math.max(...deltas.map((x) => x.falseRed)),
    hedged: Math.max(...deltas.map((x) => x.hedged)),
  };
  const byFold = deltas.map((x) => `${x.red >= 0 ? "+" : ""}${x.red}/${x.falseRed}/${x.hedged}`).join(" ");
  console.log(
    `${JSON.stringify(change)}: red ${d.red >= 0 ? "+" : ""}${d.red} (${totals.red + d.red} of ${urgent}), advice ${d.advice >= 0 ? "+" : ""}${d.advice}, false red +${d.falseRed} ordinary / +${d.hedged} hedged, possible on ordinary ${d.possible}, non-problems filed ${d.filed >= 0 ? "+" : ""}${d.filed}; worst fold: red ${worst.red}, false red +${worst.falseRed} / +${worst.hedged}\n  by fold (red / false red ordinary / hedged): ${byFold}`,
  );
  console.log(`  red by hazard, before → after: ${byHazard(before, after)}`);
  if (listing)
    after.forEach((s, i) => {
      const was = before[i]!;
      for (const text of s.falseRed.filter((t) => !was.falseRed.includes(t))) console.log(`    false red\t${folds[i]!.writer}\t${text}`);
      for (const text of was.missedRed.filter((t) => !s.missedRed.includes(t))) console.log(`    gained\t${text}`);
    });
}
