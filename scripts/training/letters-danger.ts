/**
 * npx tsx scripts/training/letters-danger.ts [--list]
 *
 * False alarms on the real letters' TRAIN split, read as `npm run evaluate` reads the test split (its
 * `lettersDanger` figure): of the letters not labelled red, the share marked red and the share marked possible
 * danger. With --list, the letters marked red or possible, so a danger rule's new false alarms can be read.
 * The test split is never read here.
 */
import { estateRows } from "./corpus.ts";
import { dangerOf, lettersAsChatLines, lineCounts, scoreChatLines } from "../evaluation/chatLines.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const percent = (value: number) => `${(value * 100).toFixed(1)}%`;

const trainLetters = estateRows().filter((row) => row.split === "train");
const score = scoreChatLines(lettersAsChatLines(trainLetters));
const { falseRed: markedRed, possible: markedPossible } = lineCounts(score);
console.log(
  `real letters, train split (${score.ordinary} not red-labelled): marked red ${percent(score.falseRedOrdinary)} (${markedRed}), possible danger ${percent(score.possibleOrdinary)} (${markedPossible}); red-labelled ${score.urgent}, read red ${percent(score.redRecall)}`,
);

if (process.argv.includes("--list")) {
  for (const row of trainLetters.filter((row) => row.colour !== "red")) {
    const got = readAsTheBot(row.text);
    const danger = dangerOf(got).tier;
    if (danger) console.log(`${danger}\t${row.key}\t${row.text.replace(/\s+/g, " ")}`);
  }
}
