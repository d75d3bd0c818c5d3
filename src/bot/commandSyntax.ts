import { suggestTypo } from "./typos.ts";

/**
 * How a command is read from a message: the words that start it and the grammar of what follows. This is
 * the understanding half of a command's declaration (features/command.ts); the reader below is built from
 * the registry's declarations (features/commandRegistry.ts), so the bot never lists commands itself.
 */

/** Where a command appears in the help text; staff and admin lines are shown to staff only. */
export type HelpSection = "residents" | "meetings" | "staff" | "organising" | "admin";

/**
 * How the words after the command word are read. none: the word alone; ticket or meeting: a number, then
 * the rest; text: a required argument; optionalText: 统计 alone or with a period; wordOrText: 兑换 alone or
 * with any argument (兑换 大米). `parse` gets the number
 * (0 when there is none) and the rest, and returns null when the argument does not fit: the user gets the
 * usage line.
 */
export type Shape = "none" | "ticket" | "meeting" | "text" | "optionalText" | "wordOrText";

export interface Grammar<S extends Shape, Fields extends object> {
  shape: S;
  parse(number: number, argument: string): Fields | null;
}

/** The word alone. */
export const noArguments = (): Grammar<"none", object> => ({ shape: "none", parse: () => ({}) });

/** A ticket's number, then what `parse` reads from the rest. The dispatcher loads the ticket. */
export const ticketArguments = <F extends object>(parse: (ticket: number, argument: string) => F | null): Grammar<"ticket", F> => ({ shape: "ticket", parse });

/** A meeting's number, then what `parse` reads from the rest. */
export const meetingArguments = <F extends object>(parse: (meeting: number, argument: string) => F | null): Grammar<"meeting", F> => ({
  shape: "meeting",
  parse,
});

/** A required argument of its own: "绑定阳光花园" and "绑定 阳光花园" both bind. */
export const textArguments = <F extends object>(parse: (argument: string) => F | null): Grammar<"text", F> => ({
  shape: "text",
  parse: (_number, argument) => parse(argument),
});

/** The word alone or with a period ("统计", "统计 本月"); "统计一下…" is a sentence, not the command. */
export const optionalTextArguments = <F extends object>(parse: (argument: string) => F): Grammar<"optionalText", F> => ({
  shape: "optionalText",
  parse: (_number, argument) => parse(argument),
});

/** The word alone or with any argument: "兑换" lists, "兑换 大米" names what is wanted (the argument is "" alone). */
export const wordOrTextArguments = <F extends object>(parse: (argument: string) => F | null): Grammar<"wordOrText", F> => ({
  shape: "wordOrText",
  parse: (_number, argument) => parse(argument),
});

/** What the reader needs of a command's declaration. */
export interface CommandSyntax {
  name: string;
  words: readonly string[];
  grammar: Grammar<Shape, object>;
  /** An example of its use; the user reads it as "用法：…" when the arguments do not fit. */
  usage: string;
}

/** A command as read from a message: its name and its arguments (numbers already parsed). */
export type ParsedCommand = { readonly name: string } & Readonly<Record<string, unknown>>;

export type CommandParse = { kind: "command"; command: ParsedCommand } | { kind: "usage"; name: string; message: string };

/** Reads commands, and the commands that mistyped words probably meant, from normalised text. */
export interface CommandReader {
  /** Null when the text is not a command, so that "查询一下社保怎么交" stays a report. */
  parse(text: string): CommandParse | null;
  /** "授理 2" → "受理 2": the command a mistyped word followed by a number probably meant, or null. */
  suggest(text: string): string | null;
}

const PERIOD_WORDS = /^(今天|今日|本周|这周|本月|这个月|上月|上个月|上周|\d{4}[-/年]\d{1,2}月?)$/;
const TICKET_NUMBER = /^\s*(?:工单)?\s*#?\s*(\d{1,9})(?:\s*号(?!楼))?/;
const SEPARATORS = /^[\s:：,，、.。;；]+/;
const TRAILING = /[\s!！。.?？~～]+$/;

/** The argument without the separators before it and the punctuation after it (its own punctuation kept). */
export function cleanArgument(text: string): string {
  return text.replace(SEPARATORS, "").replace(TRAILING, "").trim();
}

/** How a command is used; with the number the user gave, the example reuses it ("驳回 10" → "用法：驳回 10 …"). */
function usage(syntax: CommandSyntax, number?: number): CommandParse {
  const example = number === undefined ? syntax.usage : syntax.usage.replace(/\d+/, String(number));
  return { kind: "usage", name: syntax.name, message: `用法：${example}` };
}

function build(syntax: CommandSyntax, fields: object | null, number?: number): CommandParse {
  return fields ? { kind: "command", command: { name: syntax.name, ...fields } } : usage(syntax, number);
}

/** The reader of every command in `syntaxes`: the longest command word that starts the text wins. */
export function commandReader(syntaxes: readonly CommandSyntax[]): CommandReader {
  const index = syntaxes.flatMap((syntax) => syntax.words.map((word) => ({ word, syntax }))).sort((a, b) => b.word.length - a.word.length);
  const numberedWords = [
    ...new Set(syntaxes.filter(({ grammar }) => grammar.shape === "ticket" || grammar.shape === "meeting").flatMap((syntax) => syntax.words)),
  ];
  return { parse: (text) => parseWith(index, text), suggest: (text) => suggestTypo(text, numberedWords) };
}

/** Reads a command from normalised text (see normalizeForParsing), tolerating a leading "/" or "#". */
function parseWith(index: readonly { word: string; syntax: CommandSyntax }[], text: string): CommandParse | null {
  const body = text.replace(/^[/#]+(?=\D)/, "").trim();
  const lowered = body.toLowerCase();
  for (const { word, syntax } of index) {
    if (!lowered.startsWith(word)) continue;
    const rest = body.slice(word.length);
    const argument = cleanArgument(rest);
    const grammar = syntax.grammar;
    switch (grammar.shape) {
      case "none":
        if (argument === "") return build(syntax, grammar.parse(0, ""));
        continue;
      case "optionalText":
        if (!argument || PERIOD_WORDS.test(argument)) return build(syntax, grammar.parse(0, argument));
        continue;
      case "text":
        return argument ? build(syntax, grammar.parse(0, argument)) : usage(syntax);
      case "wordOrText":
        return build(syntax, grammar.parse(0, argument));
      case "ticket":
      case "meeting": {
        const number = TICKET_NUMBER.exec(rest);
        if (number) return build(syntax, grammar.parse(Number(number[1]), cleanArgument(rest.slice(number[0].length))), Number(number[1]));
        // The command word alone ("受理"): say how it is used. Anything else reads as ordinary text.
        if (argument === "") return usage(syntax);
        continue;
      }
    }
  }
  return null;
}
