import { pinyin } from "pinyin-pro";

/**
 * A command word mistyped by one character ("授理 2", "派担 2 物业", "办洁 2"), as pinyin keyboards do. The
 * bot asks "您是想「受理 2」吗？" and runs nothing: acting on a guess could close the wrong matter.
 * Which characters sound alike is read from their pinyin (pinyin-pro's dictionary, in the package), so a
 * new command word brings its own sound-alikes.
 */

// Everyday words one character away from a command word that people do start sentences with.
const REAL_WORDS = new Set([
  "处理",
  "办理",
  "管理",
  "清理",
  "修理",
  "整理",
  "代理",
  "助理",
  "合理",
  "护理",
  "道理",
  "经理",
  "受到",
  "派出",
  "升起",
  "进入",
  "评论",
]);

const INITIALS = ["zh", "ch", "sh", "b", "p", "m", "f", "d", "t", "n", "l", "g", "k", "h", "j", "q", "x", "r", "z", "c", "s", "y", "w"];

// Sounds a pinyin keyboard's user (or a southern accent) easily swaps: flat and curled tongue, n and l, the
// front and back nasal finals.
const NEAR_INITIALS = new Set(["zh:z", "ch:c", "sh:s", "n:l"]);
const NEAR_FINALS = new Set(["an:ang", "en:eng", "in:ing", "ian:iang", "uan:uang"]);

const near = (pairs: ReadonlySet<string>, a: string, b: string) => a === b || pairs.has(`${a}:${b}`) || pairs.has(`${b}:${a}`);

/** A syllable without tone, split into its initial (possibly empty) and its final. */
function split(syllable: string): { initial: string; final: string } {
  const initial = INITIALS.find((candidate) => syllable.startsWith(candidate)) ?? "";
  return { initial, final: syllable.slice(initial.length) };
}

const readings = new Map<string, readonly string[]>();

/** Every reading of a character, without tones (a character may have several: 差 cha, chai, ci). */
function readingsOf(character: string): readonly string[] {
  let found = readings.get(character);
  if (!found) {
    found = /^[\u4e00-\u9fff]$/.test(character) ? pinyin(character, { toneType: "none", multiple: true, type: "array" }) : [];
    readings.set(character, found);
  }
  return found;
}

/** Two syllables sound alike: the same without tones, or one near initial or one near final apart. */
function syllablesAlike(a: string, b: string): boolean {
  if (a === b) return true;
  const x = split(a);
  const y = split(b);
  if (x.initial === y.initial) return near(NEAR_FINALS, x.final, y.final);
  return x.final === y.final && near(NEAR_INITIALS, x.initial, y.initial);
}

/** Whether a typed character sounds like a command word's, by any of their readings. */
export function soundsAlike(typed: string, meant: string): boolean {
  return readingsOf(typed).some((a) => readingsOf(meant).some((b) => syllablesAlike(a, b)));
}

/** How the typed word differs from a command word: by one sound-alike character, by any one, or otherwise. */
function distance(typed: string, word: string): "soundsAlike" | "oneOff" | null {
  if (typed.length !== word.length || typed === word) return null;
  let at = -1;
  for (let i = 0; i < typed.length; i++) {
    if (typed[i] === word[i]) continue;
    if (at !== -1) return null;
    at = i;
  }
  return soundsAlike(typed[at]!, word[at]!) ? "soundsAlike" : "oneOff";
}

// The number is taken whole (never "1" of "12号楼"), and a number that is a place or an amount is no ticket.
const TYPED = /^([\u4e00-\u9fff]{2,4})\s*(#?\d{1,9})(?!\d)(?!\s*(号楼|号|栋|楼|单元|层|室|户|元|块|点|分|岁|天|个|次|年|月|日))(.*)$/s;

/** The command among `numberedWords` (the words of commands taking a number) the text probably meant, with the user's own arguments, or null. */
export function suggestTypo(text: string, numberedWords: readonly string[]): string | null {
  const match = TYPED.exec(text.trim());
  if (!match) return null;
  const [, typed = "", number = "", , rest = ""] = match;
  if (REAL_WORDS.has(typed)) return null;
  const distances = numberedWords.map((word) => ({ word, distance: distance(typed, word) }));
  const alike = distances.filter((entry) => entry.distance === "soundsAlike").map((entry) => entry.word);
  const oneOff = distances.filter((entry) => entry.distance === "oneOff").map((entry) => entry.word);
  // A sound-alike wins; a plain one-character slip only when it points at a single command.
  const meant = alike.length === 1 ? alike[0] : alike.length === 0 && oneOff.length === 1 ? oneOff[0] : undefined;
  if (!meant) return null;
  return `${meant} ${number.replace("#", "")}${rest.trim() ? ` ${rest.trim()}` : ""}`;
}
