import { bundledModels } from "../src/bot/classifier/models.ts";
import { predict } from "../src/bot/classifier/linearModel.ts";
import { trainModel } from "../src/bot/classifier/train.ts";
import { understandMessage } from "../src/bot/understand.ts";
import { DEFAULT_CATEGORIES } from "../src/bot/taxonomy.ts";
import { stripBotMention, normalizeForParsing, normalizeForReading } from "../src/bot/normalize.ts";
import { chatSplit, trainWriters } from "./training/chatCorpus.ts";
import { chatExamples, OPTIONS } from "./training/recipes.ts";
import { writeFileSync } from "node:fs";
const { train } = chatSplit();
const out: string[] = [];
let filed = 0, total = 0;
for (const writer of trainWriters(train.lines)) {
  const t0 = Date.now();
  const examples = chatExamples(train.lines.filter((line) => line.writer !== writer));
  const models = { ...bundledModels(), urgency: trainModel(examples.urgency, OPTIONS.urgency), hazard: trainModel(examples.hazard, OPTIONS.hazard), intent: trainModel(examples.intent, OPTIONS.intent) };
  for (const line of train.lines.filter((l) => l.writer === writer && l.intent !== "report")) {
    total++;
    const got = understandMessage(line.text, { botName: "议事助手", categories: DEFAULT_CATEGORIES, addressed: true, models });
    if (got.kind !== "report") continue;
    filed++;
    const text = normalizeForReading(stripBotMention(normalizeForParsing(line.text), "议事助手").text);
    const p = predict(models.intent, text);
    out.push(`${writer}\t${line.intent}\t${p.label}:${p.probability.toFixed(2)}\treport:${(p.ranked.find((r) => r.label === "report")?.probability ?? 0).toFixed(2)}\tdanger:${got.report.danger}\t${line.text}`);
  }
  console.error(writer, Date.now() - t0, "ms");
}
out.push(`filed ${filed} of ${total}`);
writeFileSync("/tmp/h6-np.tsv", out.join("\n") + "\n");
