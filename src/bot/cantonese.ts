/**
 * Cantonese words the danger rules would not read, folded to the Mandarin the rules are written in: for the
 * rules only (urgency.ts), never for the models (trained on the text as written) nor for the stored text.
 * 「货梯困咗个后生仔 出唔到」 is 「货梯困了个后生仔 出不来」; 「上面仲喺度掟」 is 「上面还在度扔」.
 *
 * | Cantonese | Mandarin | Cantonese | Mandarin |
 * | --- | --- | --- | --- |
 * | 喺 | 在 | | |
 * | 嚟; 掟(酒樽)落嚟 | 来; 扔(酒樽)下来 | 唔 | 不 |
 * | 係唔係, 系咪 | 是不是 | 咗 (not after 困) | 了 |
 * | 冇 | 没 | 佢 | 他 |
 * | 掟 | 扔 | 仲 (before 在/喺/有) | 还 |
 * | 出唔到, 出唔返 | 出不来 | 入面 | 里面 |
 */
const FOLDS: readonly [RegExp, string][] = [
  [/出唔(到|返)(嚟)?/g, "出不来"],
  [/(掟|扔|抛|跌|掉)([^\s，。！？落]{0,4}?)落嚟/g, "$1$2下来"],
  [/[係系](唔|咪)[係系]?/g, "是不是"],
  // Not 困咗: 「困咗成个钟」 tells how long someone was stuck, after the fact.
  [/(?<!困)咗/g, "了"],
  [/喺/g, "在"],
  [/嚟/g, "来"],
  [/唔/g, "不"],
  [/冇/g, "没"],
  [/佢/g, "他"],
  [/掟/g, "扔"],
  [/仲(?=在|喺|有)/g, "还"],
  [/入面/g, "里面"],
];

/** The text with the Cantonese words above in Mandarin. */
export function cantoneseForRules(text: string): string {
  return FOLDS.reduce((read, [word, mandarin]) => read.replace(word, mandarin), text);
}
