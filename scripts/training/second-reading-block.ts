/**
 * tsx scripts/training/second-reading-block.ts [--block w96-w103] [--baseline DIR] [--baseline-thresholds JSON] [--grid JSON] [--list]
 *
 * The second reading as the next round's new people will meet it: the latest block of train writers (w96–w103 by
 * default) read with the second reading's models trained on every train writer before the block, and the committed
 * first reading, intent and other models (none of which may have seen the block). Against a baseline, the models of
 * DIR (the bundled ones by default: a second reading trained before the block) with its thresholds: the red lines
 * gained and lost, the advice, false red on ordinary and hedged lines and possible danger on ordinary ones, in lines,
 * for each candidate. --list prints the lines that change.
 */
import { lineCounts, scoreChatLines } from "../evaluation/chatLines.ts";
import { bundledModels, loadModels } from "../../src/bot/classifier/models.ts";
import type { DangerThresholds } from "../../src/bot/danger.ts";
import { chatSplit } from "./chatCorpus.ts";
import { trainedOnce } from "./chatFolds.ts";
import { chatExamples, OPTIONS } from "./recipes.ts";

const option = (name: string) => {
  const at = process.argv.indexOf(name);
  return at >= 0 ? process.argv[at + 1] : undefined;
};
const [from, to] = (option("--block") ?? "w96-w103").split("-").map((writer) => Number(writer.slice(1)));
const inBlock = (writer: string) => Number(writer.slice(1)) >= from! && Number(writer.slice(1)) <= to!;
const grid = JSON.parse(option("--grid") ?? "[{}]") as DangerThresholds[];

const { train } = chatSplit();
const block = train.lines.filter((line) => inBlock(line.writer));
const earlier = chatExamples(train.lines.filter((line) => Number(line.writer.slice(1)) < from!));
const committed = bundledModels();
const baselineDir = option("--baseline");
const baseline = baselineDir ? loadModels(baselineDir) : committed;
const baselineThresholds = JSON.parse(option("--baseline-thresholds") ?? "{}") as DangerThresholds;
const refitted = {
  ...committed,
  secondUrgency: trainedOnce(earlier.secondUrgency, OPTIONS.secondUrgency),
  secondHazard: trainedOnce(earlier.secondHazard, OPTIONS.secondHazard),
};

const before = scoreChatLines(block, { models: baseline, thresholds: baselineThresholds });
const counts = (score: typeof before) => ({ ...lineCounts(score), filed: score.nonProblemsFiled, intent: Math.round(score.intentAccuracy * score.lines) });
const was = counts(before);
console.log(
  `w${from}–w${to}, baseline: red ${was.red} of ${before.urgent}, advice ${was.advice}, false red ${was.falseRed} of ${before.ordinary} ordinary / ${was.hedgedRed} of ${before.hedged} hedged, possible on ordinary ${was.possible}, non-problems filed ${was.filed}, intents ${was.intent}`,
);
const redOf = (score: typeof before) =>
  Object.fromEntries(Object.entries(score.byHazard).map(([hazard, { recall, n }]) => [hazard, Math.round(recall * n)]));
for (const thresholds of grid) {
  const after = scoreChatLines(block, { models: refitted, thresholds });
  const is = counts(after);
  const gained = before.missedRed.filter((text) => !after.missedRed.includes(text));
  const lost = after.missedRed.filter((text) => !before.missedRed.includes(text));
  const [a, b] = [redOf(before), redOf(after)];
  const hazards = Object.keys(b)
    .filter((hazard) => a[hazard] !== b[hazard])
    .map((hazard) => `${hazard} ${a[hazard]} → ${b[hazard]}`)
    .join(", ");
  console.log(
    `${JSON.stringify(thresholds)}: red ${is.red} (+${gained.length} −${lost.length}), advice ${is.advice - was.advice}, false red ${is.falseRed - was.falseRed} ordinary / ${is.hedgedRed - was.hedgedRed} hedged, possible on ordinary ${is.possible - was.possible}, non-problems filed ${is.filed - was.filed}, intents ${is.intent - was.intent}; by hazard: ${hazards || "="}`,
  );
  if (process.argv.includes("--list")) {
    for (const text of gained) console.log(`    gained\t${text}`);
    for (const text of lost) console.log(`    lost\t${text}`);
    for (const text of after.falseRed.filter((t) => !before.falseRed.includes(t))) console.log(`    false red\t${text}`);
    for (const text of before.falseRed.filter((t) => !after.falseRed.includes(t))) console.log(`    no longer false red\t${text}`);
  }
}
