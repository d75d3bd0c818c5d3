/**
 * tsx scripts/training/chat-misses.ts [red|advice|hedged|ordinary|filed …]
 *
 * The train writers' lines the reading gets wrong, by leave-one-writer-out (chatFolds.ts): each writer's
 * lines read with models trained without them. Never the test writers. For each line: the writer, its
 * labels, what the rules alone say (urgency.ts) and what the full pipeline says (rules + models).
 * - red: urgent lines not read as red; advice: urgent lines with no advice at all;
 * - hedged: hedged scary lines read as red; ordinary: ordinary complaints read as red or possible danger;
 * - filed: lines that are not reports, filed as a report.
 */
import { detectDanger } from "../../src/bot/urgency.ts";
import { dangerOf, intentOf } from "../evaluation/chatLines.ts";
import { chatFolds } from "./chatFolds.ts";
import { chatText } from "./recipes.ts";
import { readAsTheBot } from "../evaluation/tables.ts";

const KINDS = ["red", "advice", "hedged", "ordinary", "filed"] as const;
const asked = process.argv.slice(2).filter((arg): arg is (typeof KINDS)[number] => (KINDS as readonly string[]).includes(arg));
const kinds = new Set(asked.length ? asked : KINDS);
const out: Record<(typeof KINDS)[number], string[]> = { red: [], advice: [], hedged: [], ordinary: [], filed: [] };

for (const fold of chatFolds()) {
  for (const line of fold.lines) {
    const got = readAsTheBot(line.text, { models: fold.models });
    const { tier: danger, hazard } = dangerOf(got);
    const rule = detectDanger(chatText(line));
    const row = `${line.writer}\t${line.hazard ?? "-"}\t${line.hedge ?? "-"}\trules:${rule ? `${rule.tier}/${rule.hazard}` : "-"}\tfull:${danger ? `${danger}/${hazard}` : "-"}\t${intentOf(got)}\t${line.text}`;
    if (line.urgency === "red" && danger !== "red") out.red.push(row);
    if (line.urgency === "red" && danger === null) out.advice.push(row);
    if (line.urgency === "none" && line.hedge && danger === "red") out.hedged.push(row);
    if (line.intent === "report" && line.urgency === "none" && !line.hazard && danger !== null) out.ordinary.push(row);
    if (line.intent !== "report" && got.kind === "report") out.filed.push(`${line.intent}\t${row}`);
  }
}
for (const kind of KINDS) {
  if (!kinds.has(kind)) continue;
  console.log(`\n## ${kind}: ${out[kind].length}`);
  for (const row of out[kind].sort()) console.log(row);
}
