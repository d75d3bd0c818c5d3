/**
 * Whether a message is written mostly in a Latin script (English, Tagalog, pinyin…) rather than in Chinese: two words
 * or more of Latin letters, and fewer Chinese characters than half its Latin letters. The @-mention and links are left
 * out before counting; a single run of letters (「asdfgh 123」, 「ok」) is not writing.
 */
export function isMostlyLatin(text: string): boolean {
  const read = text.replace(/@\S+/g, " ").replace(/https?:\/\/\S+/g, " ");
  const words = read.match(/[A-Za-z]{2,}/g) ?? [];
  const latin = words.join("").length;
  const chinese = read.match(/\p{Script=Han}/gu)?.length ?? 0;
  return words.length >= 2 && chinese * 2 < latin;
}
