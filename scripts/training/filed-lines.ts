/**
 * tsx scripts/training/filed-lines.ts [--bundled] [--thresholds JSON]
 *
 * The filing decision on the train writers, by leave-one-writer-out (chatFolds.ts): every line that is not a
 * report and is filed (by its intent), and every report that is not filed (by what it was read as). With
 * --bundled, the committed models read the writers they were never trained on instead (quick: no training).
 */
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { type Thresholds } from "../../src/bot/understand.ts";
import { intentOf } from "../evaluation/chatLines.ts";
import { chatSplit } from "./chatCorpus.ts";
import { chatFolds } from "./chatFolds.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

// The writers the committed (second-round) models were trained on.
const COMMITTED_MODELS_TRAINED_ON = ["w01", "w02", "w03", "w05", "w06", "w08", "w09", "w11", "w12", "w14"];
const folds = process.argv.includes("--bundled")
  ? [{ models: bundledModels(), lines: chatSplit().train.lines.filter((line) => !COMMITTED_MODELS_TRAINED_ON.includes(line.writer)) }]
  : chatFolds();
const at = process.argv.indexOf("--thresholds");
const thresholds = at >= 0 ? (JSON.parse(process.argv[at + 1] ?? "{}") as Partial<Thresholds>) : {};
const filed: string[] = [];
const lost: string[] = [];
for (const fold of folds) {
  for (const line of fold.lines) {
    const got = readAsTheBot(line.text, { models: fold.models, thresholds });
    if (line.intent !== "report" && got.kind === "report") filed.push(`${line.intent}\t${line.writer}\t${line.text}`);
    if (line.intent === "report" && got.kind !== "report") {
      const carried = got.kind === "followUp" && got.report ? " (carried)" : "";
      lost.push(`${intentOf(got)}${carried}\t${line.urgency}\t${line.writer}\t${line.text}`);
    }
  }
}
console.log(`## non-problems filed: ${filed.length}`);
for (const row of filed.sort()) console.log(row);
console.log(`\n## reports not filed: ${lost.length}`);
for (const row of lost.sort()) console.log(row);
