// Full-width forms that phones produce for ASCII: digits, letters and the signs commands use. Chinese
// punctuation (，。！？：) is left alone: it is what residents write, and arguments keep it.
const FULL_WIDTH_ASCII = /[\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff03\uff0f\uff20\uff0b\uff0d\uff03]/g;

/**
 * Folds what phones type into one shape for parsing: full-width letters, digits and command signs
 * to ASCII (＃１２ → #12), ideographic spaces to spaces, runs of spaces to one. The stored text
 * keeps the original.
 */
export function normalizeForParsing(text: string): string {
  return text
    .replace(FULL_WIDTH_ASCII, (ch) => String.fromCharCode(ch.charCodeAt(0) - 0xfee0))
    .replace(/[\u200b-\u200d\ufeff]/g, "")
    .replace(/\s+/g, " ")
    .trim();
}

/** Removes every @-mention of the bot and reports whether there was one. */
export function stripBotMention(text: string, botName: string): { text: string; mentioned: boolean } {
  const escaped = botName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
  const mentioned = new RegExp(`@${escaped}`).test(text);
  const stripped = text
    .replace(new RegExp(`@${escaped}\\s*`, "g"), " ")
    .replace(/\s+/g, " ")
    .trim();
  return { text: stripped, mentioned };
}
