/**
 * tsx scripts/training/advice-hazards.ts [--stories]
 *
 * Whose advice each line gets, by leave-one-writer-out over the train writers (chatFolds.ts; never the test
 * writers): advice on urgent lines, possible danger on ordinary complaints, false red, and advice of a hazard
 * other than the one the line is labelled with (water advice on a gas line, gas advice on a leak), listed with
 * the urgent lines given no advice at all. With
 * --stories: every test string that gets a possible danger from the models alone (no rule reads one), with
 * the bundled models.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { dangerOf } from "../evaluation/chatLines.ts";
import { detectDanger } from "../../src/bot/urgency.ts";
import type { Models } from "../../src/bot/classifier/models.ts";
import { chatFolds } from "./chatFolds.ts";
import { chatText, HAZARD_IDS } from "./recipes.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const read = (text: string, models?: Models) =>
  readAsTheBot(text, models ? { models } : {});
// The rules' waterElectric answers a leak near electrics: right for either labelled hazard.
const sameHazard = (given: string, labelled: string) => given === labelled || (given === "waterElectric" && (labelled === "electric" || labelled === "burstPipe"));

if (process.argv.includes("--stories")) {
  const files = (dir: string): string[] =>
    readdirSync(dir, { withFileTypes: true }).flatMap((entry) =>
      entry.isDirectory() ? (entry.name === "fixtures" ? [] : files(join(dir, entry.name))) : /\.test\.ts$/.test(entry.name) ? [join(dir, entry.name)] : [],
    );
  const strings = new Set<string>();
  for (const file of files("test")) for (const match of readFileSync(file, "utf8").matchAll(/"((?:[^"\\\n]|\\.)*)"|`((?:[^`\\]|\\.)*)`/g)) {
    const text = match[1] ?? match[2] ?? "";
    if (/\p{Script=Han}/u.test(text)) strings.add(text);
  }
  for (const text of [...strings].sort()) {
    const { tier, hazard } = dangerOf(read(text));
    if (tier && !detectDanger(text)) console.log(`${tier}/${hazard}\t${text}`);
  }
} else {
  let urgent = 0, advised = 0, ordinary = 0, possibleOrdinary = 0, falseRed = 0, wrongHazard = 0;
  const wrong: string[] = [];
  for (const fold of chatFolds()) {
    for (const line of fold.lines) {
      const { tier, hazard } = dangerOf(read(line.text, fold.models));
      const labelled = line.hazard ? HAZARD_IDS[line.hazard] : undefined;
      if (line.urgency === "red") {
        urgent++;
        if (tier) advised++;
        else wrong.push(`${line.writer}\t${line.hazard ?? "-"}\tno advice\t${line.text}`);
      }
      if (line.intent === "report" && line.urgency === "none" && !line.hazard) {
        ordinary++;
        if (tier === "possible") possibleOrdinary++;
        if (tier === "red") falseRed++;
      }
      const isWrong = tier && hazard && (labelled ? !sameHazard(hazard, labelled) : line.urgency === "none" && !detectDanger(chatText(line)));
      if (isWrong) {
        wrongHazard++;
        wrong.push(`${line.writer}\t${line.hazard ?? "-"}\t${tier}/${hazard}\t${line.text}`);
      }
    }
  }
  const pct = (n: number, of: number) => `${((n / of) * 100).toFixed(2)}% (${n} of ${of})`;
  console.log(wrong.sort().join("\n"));
  console.log(`advice on urgent ${pct(advised, urgent)}; possible on ordinary ${pct(possibleOrdinary, ordinary)}; false red ordinary ${pct(falseRed, ordinary)}; advice of another hazard ${wrongHazard}`);
}
