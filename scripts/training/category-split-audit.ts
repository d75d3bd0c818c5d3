/**
 * tsx scripts/training/category-split-audit.ts
 *
 * What the chat category model (nineteenth round) changes, read as the bot reads reports: every letter of the letters'
 * train split and every train writer's report (not red), with the committed models as they are and with the letters'
 * model reading chat too (as before the chat model). The letters must not move; a chat report's colour moves only
 * where the colour rules, which take the category, decide. In-sample for chat (the chat model learnt these writers):
 * its category figure is choose-category-recipe.ts's by writer groups, not this one.
 */
import { bundledModels } from "../../src/bot/classifier/models.ts";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { LETTER_MIN_LENGTH, readReport } from "../../src/bot/understand.ts";
import { chatSplit } from "./chatCorpus.ts";
import { estateRows } from "./corpus.ts";
import { chatText } from "./recipes.ts";

const after = bundledModels();
const before = { ...after, chatCategory: after.category };
const read = (text: string, models: typeof after) => readReport(text, text, { categories: DEFAULT_CATEGORIES, models });

function compare(name: string, rows: { text: string; category?: string; colour?: string }[]) {
  const tally = { n: rows.length, categoryBefore: 0, categoryAfter: 0, colourBefore: 0, colourAfter: 0, categoryChanged: 0, colourChanged: 0, short: 0 };
  for (const row of rows) {
    const was = read(row.text, before);
    const is = read(row.text, after);
    if (row.text.length < LETTER_MIN_LENGTH) tally.short += 1;
    if (was.category === row.category) tally.categoryBefore += 1;
    if (is.category === row.category) tally.categoryAfter += 1;
    if (was.colour === row.colour) tally.colourBefore += 1;
    if (is.colour === row.colour) tally.colourAfter += 1;
    if (was.category !== is.category) tally.categoryChanged += 1;
    if (was.colour !== is.colour) tally.colourChanged += 1;
  }
  console.log(`${name}: ${JSON.stringify(tally)}`);
}

compare(
  "letters, train split",
  estateRows().filter((row) => row.split === "train"),
);
compare(
  "chat reports (not red), train writers (in-sample)",
  chatSplit()
    .train.lines.filter((line) => line.intent === "report" && line.urgency !== "red" && line.category)
    .map((line) => ({ text: chatText(line), category: line.category, colour: line.colour })),
);
