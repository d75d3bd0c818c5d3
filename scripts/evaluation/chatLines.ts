/**
 * Scores the bot's reading of the writers' chat lines: red recall (overall and by hazard), advice on urgent
 * lines, false red and possible danger on ordinary and hedged lines, intents and non-problems filed,
 * category and colour of reports. Shared by `npm run evaluate`, the choice of thresholds and the tests.
 */
import type { ChatLine } from "../training/chatCorpus.ts";
import type { EstateRow } from "../training/corpus.ts";
import { HAZARD_IDS } from "../training/recipes.ts";
import type { Understanding, UnderstandingOptions } from "../../src/bot/understand.ts";
import type { DangerTier, HazardId } from "../../src/bot/urgency.ts";
import { readAsTheBot } from "./tables.ts";

/** Real letters read as chat lines: each a report, urgent only where its colour is red. */
export function lettersAsChatLines(rows: readonly EstateRow[]): ChatLine[] {
  return rows.map((row) => ({
    id: row.key,
    writer: "letters",
    text: row.text,
    intent: "report",
    category: row.category,
    colour: row.colour,
    urgency: row.colour === "red" ? "red" : "none",
  }));
}

/** The corpus intent an understanding amounts to. */
export function intentOf(understanding: Understanding): string {
  switch (understanding.kind) {
    case "report":
      return "report";
    case "followUp":
      return "follow_up";
    case "thanks":
    case "greeting":
      return understanding.kind;
    case "question":
      return understanding.topic === "bot" ? "bot_question" : understanding.topic === "meeting" ? "meeting_question" : "phone_question";
    case "meetingAnnouncement":
      return "meeting_announcement";
    case "unclear":
      return understanding.gibberish ? "gibberish" : "chatter";
    case "help":
    case "ignored":
      return "chatter";
    default:
      return understanding.kind;
  }
}

/** The danger an understanding gives its line: a report's or a follow-up's tier and hazard, none for anything else. */
export function dangerOf(understanding: Understanding): { tier: DangerTier | null; hazard: HazardId | null } {
  if (understanding.kind === "report") return { tier: understanding.report.danger, hazard: understanding.report.hazard };
  if (understanding.kind === "followUp") return { tier: understanding.danger, hazard: understanding.hazard };
  return { tier: null, hazard: null };
}

const share = (part: number, whole: number) => (whole ? part / whole : 0);

function countBy(values: readonly string[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const value of values) counts[value] = (counts[value] ?? 0) + 1;
  return counts;
}

export function scoreChatLines(lines: readonly ChatLine[], options: Partial<UnderstandingOptions> = {}) {
  const read = lines.map((line) => {
    const got = readAsTheBot(line.text, options);
    return { line, got, danger: dangerOf(got).tier, intent: intentOf(got) };
  });
  const urgent = read.filter((row) => row.line.urgency === "red");
  const ordinary = read.filter((row) => row.line.intent === "report" && row.line.urgency === "none" && !row.line.hazard);
  const hedged = read.filter((row) => row.line.urgency === "none" && row.line.hedge);
  const reports = read.filter((row) => row.line.intent === "report" && row.line.urgency !== "red");
  const filedReports = reports.filter((row) => row.got.kind === "report");
  const nonProblems = read.filter((row) => row.line.intent !== "report");
  const byHazard: Record<string, { recall: number; n: number }> = {};
  for (const hazard of Object.keys(HAZARD_IDS)) {
    const rows = urgent.filter((row) => row.line.hazard === hazard);
    if (rows.length) byHazard[hazard] = { recall: share(rows.filter((row) => row.danger === "red").length, rows.length), n: rows.length };
  }
  return {
    lines: lines.length,
    urgent: urgent.length,
    redRecall: share(urgent.filter((row) => row.danger === "red").length, urgent.length),
    byHazard,
    adviceRate: share(urgent.filter((row) => row.danger !== null).length, urgent.length),
    ordinary: ordinary.length,
    falseRedOrdinary: share(ordinary.filter((row) => row.danger === "red").length, ordinary.length),
    possibleOrdinary: share(ordinary.filter((row) => row.danger === "possible").length, ordinary.length),
    hedged: hedged.length,
    falseRedHedged: share(hedged.filter((row) => row.danger === "red").length, hedged.length),
    intentAccuracy: share(read.filter((row) => row.intent === row.line.intent).length, read.length),
    nonProblemsFiled: nonProblems.filter((row) => row.got.kind === "report").length,
    /** Non-problems filed, by their intent (chatter, follow_up, …). */
    nonProblemsFiledByIntent: countBy(nonProblems.filter((row) => row.got.kind === "report").map((row) => row.line.intent)),
    /** Reports not filed, by what they were read as; urgent (red or possible) ones apart: holding those is worst. */
    reportsLostAs: countBy(read.filter((row) => row.line.intent === "report" && row.got.kind !== "report").map((row) => row.intent)),
    urgentReportsLost: read.filter(
      (row) => row.line.intent === "report" && row.line.urgency !== "none" && row.got.kind !== "report" && !(row.got.kind === "followUp" && row.got.report),
    ).length,
    nonProblems: nonProblems.length,
    reportsLost: read.filter((row) => row.line.intent === "report" && row.got.kind !== "report").length,
    /** Of those, read as a follow-up that carries the report: filed when the sender has nothing open. */
    reportsAsFollowUps: read.filter((row) => row.line.intent === "report" && row.got.kind === "followUp" && row.got.report).length,
    reports: reports.length,
    category: share(filedReports.filter((row) => row.got.kind === "report" && row.got.report.category === row.line.category).length, reports.length),
    colour: share(filedReports.filter((row) => row.got.kind === "report" && row.got.report.colour === row.line.colour).length, reports.length),
    missedRed: urgent.filter((row) => row.danger !== "red").map((row) => row.line.text),
    falseRed: [...ordinary, ...hedged].filter((row) => row.danger === "red").map((row) => row.line.text),
    intentMisses: read.filter((row) => row.intent !== row.line.intent).map((row) => `${row.line.intent}→${row.intent}: ${row.line.text}`),
  };
}

/** A score's danger figures as the lines they count: red and advice of the urgent lines, red and possible danger on ordinary complaints, red on hedged lines. */
export function lineCounts(score: ReturnType<typeof scoreChatLines>) {
  return {
    red: Math.round(score.redRecall * score.urgent),
    advice: Math.round(score.adviceRate * score.urgent),
    falseRed: Math.round(score.falseRedOrdinary * score.ordinary),
    possible: Math.round(score.possibleOrdinary * score.ordinary),
    hedgedRed: Math.round(score.falseRedHedged * score.hedged),
  };
}
