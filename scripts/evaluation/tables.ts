/**
 * Scoring of the understanding tables shared by `npm run evaluate` and the tests, so both measure the
 * same thing. Every function runs the bot's own reading (understandMessage, detectUrgency).
 */
import { readFileSync } from "node:fs";
import { DEFAULT_CATEGORIES } from "../../src/bot/taxonomy.ts";
import { BOT_COMMANDS } from "../../src/features/commandRegistry.ts";
import { understandMessage, type Understanding, type UnderstandingOptions } from "../../src/bot/understand.ts";
import { detectUrgency } from "../../src/bot/urgency.ts";
import { normalizeForReading } from "../../src/bot/normalize.ts";

export const FIXTURES = new URL("../../test/fixtures/understanding/", import.meta.url);

export function readTable<T>(name: string): T[] {
  return JSON.parse(readFileSync(new URL(name, FIXTURES), "utf8")) as T[];
}

const withoutMention = (text: string) => text.replace(/^\s*@议事助手\s*/, "");

/** A line read as the bot reads it in a group, addressed to it unless said otherwise: the demo's name, the commands a
 * resident may type, the default categories; `more` gives other models or thresholds (folds, fixed test models). */
export function readAsTheBot(text: string, more: Partial<UnderstandingOptions> = {}): Understanding {
  return understandMessage(text, { botName: "议事助手", commands: BOT_COMMANDS.reader, categories: DEFAULT_CATEGORIES, addressed: true, ...more });
}

export function understand(text: string, addressed = true): Understanding {
  return readAsTheBot(text, { addressed });
}

/** Shares of reports read with the labelled category and colour, marked red though not urgent, and left to staff. */
export function readings(rows: { text: string; category?: string; colour?: string }[]) {
  let category = 0;
  let colour = 0;
  let red = 0;
  let triage = 0;
  for (const row of rows) {
    const got = understand(row.text);
    if (got.kind !== "report") continue;
    if (got.report.category === row.category) category++;
    if (got.report.colour === row.colour) colour++;
    if (got.report.colour === "red" && row.colour !== "red") red++;
    if (got.report.needsTriage) triage++;
  }
  return { n: rows.length, category: category / rows.length, colour: colour / rows.length, falseRed: red / rows.length, triage: triage / rows.length };
}

export interface UrgencyRow {
  text: string;
  red: boolean;
  hazard: string;
}

/** Red recall on urgent rows and the share of non-urgent rows wrongly marked red, with the misses. */
export function scoreUrgency(rows: readonly UrgencyRow[]) {
  const urgent = rows.filter((row) => row.red);
  const calm = rows.filter((row) => !row.red);
  // Read as the bot reads a message: normalised (traditional characters, voice slips), then the rules' red.
  const red = (text: string) => detectUrgency(normalizeForReading(withoutMention(text))) !== null;
  const missed = urgent.filter((row) => !red(row.text)).map((row) => row.text);
  const falseAlarms = calm.filter((row) => red(row.text)).map((row) => row.text);
  return {
    urgent: urgent.length,
    calm: calm.length,
    recall: (urgent.length - missed.length) / urgent.length,
    falseRedRate: falseAlarms.length / calm.length,
    missed,
    falseAlarms,
  };
}

export interface IntentRow {
  text: string;
  kind: "followup" | "thanks" | "greeting" | "report" | "typo";
  suggest?: string;
}

const EXPECTED: Record<IntentRow["kind"], Understanding["kind"]> = {
  followup: "followUp",
  thanks: "thanks",
  greeting: "greeting",
  report: "report",
  typo: "suggestion",
};

/** Share of rows read as the right kind (a typo must also suggest the right command), with the misses. */
export function scoreIntents(rows: readonly IntentRow[]) {
  const misses: string[] = [];
  for (const row of rows) {
    const got = understand(row.text);
    const right = got.kind === EXPECTED[row.kind] && (row.kind !== "typo" || (got.kind === "suggestion" && got.command === row.suggest));
    if (!right) misses.push(`${row.kind}: ${row.text} → ${got.kind === "suggestion" ? `suggestion ${got.command}` : got.kind}`);
  }
  return { rows: rows.length, accuracy: (rows.length - misses.length) / rows.length, misses };
}
