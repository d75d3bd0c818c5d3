import type { Colour, Location } from "../domain/types.ts";
import { parseCommand, type Command } from "./commands.ts";
import { extractLocation } from "./location.ts";
import { normalizeForParsing, stripBotMention } from "./normalize.ts";
import type { Category } from "./taxonomy.ts";
import { classifyCategory, gradeColour, looksLikeProblem } from "./triage.ts";

export const REPORT_WORDS = ["报修", "投诉", "反映", "求助", "建议"] as const;

export interface ReportDraft {
  /** The matter in the resident's words, without the @-mention. */
  content: string;
  category: string;
  colour: Colour;
  location: Location;
}

/** What an incoming chat message means to the bot. */
export type Understanding =
  | { kind: "ignored" }
  | { kind: "command"; command: Command }
  | { kind: "usage"; message: string }
  | { kind: "help" }
  | { kind: "needsDetail"; reportWord: string }
  | { kind: "report"; report: ReportDraft };

export interface UnderstandingOptions {
  botName: string;
  categories: readonly Category[];
  /** A private (1:1) chat: every message is addressed to the bot, mention or not. */
  addressed?: boolean;
}

const REPORT_WORD = new RegExp(`^(${REPORT_WORDS.join("|")})`);
const LEADING_SEPARATORS = /^[\s:：,，、.。;；!！-]+/;

/**
 * A message is addressed to the bot when it @-mentions the bot, starts with a command word or starts
 * with a report word; anything else is chatter and is ignored. Addressed messages are commands or reports;
 * an addressed message that describes no problem gets the help text.
 */
export function understandMessage(rawText: string, options: UnderstandingOptions): Understanding {
  const stripped = stripBotMention(normalizeForParsing(rawText), options.botName);
  const text = stripped.text;
  const mentioned = stripped.mentioned || options.addressed === true;

  const command = parseCommand(text);
  if (command?.kind === "command") return { kind: "command", command: command.command };
  if (command?.kind === "usage") return { kind: "usage", message: command.message };

  const reportWord = REPORT_WORD.exec(text)?.[1];
  if (!mentioned && !reportWord) return { kind: "ignored" };
  if (!text) return { kind: "help" };

  const content = reportWord ? text.slice(reportWord.length).replace(LEADING_SEPARATORS, "").trim() : text;
  if (reportWord && content.length < 2) return { kind: "needsDetail", reportWord };

  const category = classifyCategory(content, options.categories);
  if (!reportWord && !looksLikeProblem(content, category.score)) return { kind: "help" };

  return {
    kind: "report",
    report: {
      content,
      category: category.id,
      colour: gradeColour(reportWord === "建议" ? text : content, category.id),
      location: extractLocation(content),
    },
  };
}
