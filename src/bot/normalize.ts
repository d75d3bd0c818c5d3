import { toSimplified } from "../text/simplified.ts";

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

// The mention patterns of each bot name, made once: every message is read against them.
const MENTIONS = new Map<string, { mention: RegExp; everyMention: RegExp }>();

function mentionsOf(botName: string): { mention: RegExp; everyMention: RegExp } {
  let patterns = MENTIONS.get(botName);
  if (!patterns) {
    const escaped = botName.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
    patterns = { mention: new RegExp(`@${escaped}`), everyMention: new RegExp(`@${escaped}\\s*`, "g") };
    MENTIONS.set(botName, patterns);
  }
  return patterns;
}

/** Removes every @-mention of the bot and reports whether there was one. */
export function stripBotMention(text: string, botName: string): { text: string; mentioned: boolean } {
  const { mention, everyMention } = mentionsOf(botName);
  const mentioned = mention.test(text);
  const stripped = text.replace(everyMention, " ").replace(/\s+/g, " ").trim();
  return { text: stripped, mentioned };
}

/**
 * Sound-alike and voice-input slips that hide a danger, each replaced only in the words around it so that
 * an ordinary use of the slipped word is left alone. Applied to what is read (urgency, category, intent),
 * never to a command or its arguments, and never to the stored text.
 *
 * | typed | meant | why |
 * | --- | --- | --- |
 * | 然气, 燃汽, 然汽 | 燃气 | same sound (rán qì) |
 * | 煤汽, 天然汽, 液化汽 | 煤气, 天然气, 液化气 | 汽/气 (qì) |
 * | 漏汽 (with gas named) | 漏气 | 汽/气; 暖气漏汽 (steam) stays |
 * | 着伙, 失伙, 起伙了 | 着火, 失火, 起火了 | 伙/火 (huǒ) |
 * | 冒眼 (with 烟/火/黑/白) | 冒烟 | voice input |
 * | 没反映, 不反映 (after a person, or 叫/喊/拍) | 没反应 | 反映 (to report) for 反应 (to respond) |
 * | 晕到, 昏到 | 晕倒, 昏倒 | 到/倒 (dào) |
 * | 一氧化炭 | 一氧化碳 | 炭/碳 (tàn) |
 * | 就命, 救名 | 救命 | voice input |
 * | 电悌, 电剃 | 电梯 | same sound (tī), a slip of the pinyin keyboard |
 */
const VOICE_SLIPS: readonly [RegExp, string][] = [
  [/(?<!天)然气|燃汽|(?<!天)然汽/g, "燃气"],
  [/煤汽/g, "煤气"],
  [/天然汽/g, "天然气"],
  [/液化汽/g, "液化气"],
  [/(燃气|煤气|天然气|液化气)(.{0,8})漏汽/g, "$1$2漏气"],
  [/漏汽(.{0,8})(燃气|煤气|天然气|液化气)/g, "漏气$1$2"],
  [/着伙/g, "着火"],
  [/失伙/g, "失火"],
  [/起伙了/g, "起火了"],
  [/冒(黑|白)?眼/g, "冒$1烟"],
  [/((?:叫|喊|拍|推|摇|人|他|她|老人|大爷|阿姨|孩子)[^，。！？\s]{0,6}?)(没(?:有)?|不)反映(?!过|的|问题|情况|给|了(?:问题|情况))/g, "$1$2反应"],
  [/(晕|昏)到(?!了?(医院|家|现在|中午|晚上))/g, "$1倒"],
  [/一氧化炭/g, "一氧化碳"],
  [/就命啊|救名/g, "救命"],
  [/电(悌|剃)/g, "电梯"],
];

/** The text as read for meaning: traditional characters simplified, the slips above corrected. */
export function normalizeForReading(text: string): string {
  return VOICE_SLIPS.reduce((read, [slip, meant]) => read.replace(slip, meant), toSimplified(text));
}
