const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  幺: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};
const UNITS: Record<string, number> = { 十: 10, 百: 100, 千: 1000 };

export const CHINESE_NUMERAL_CHARS = "零〇一幺二两三四五六七八九十百千";

/**
 * Reads Arabic or Chinese numerals: "12", "十二", "二十一", "一百零一"; and digit-by-digit
 * room numbers such as "三零一" (301). Returns undefined for anything else.
 */
export function parseNumeral(text: string): number | undefined {
  if (/^\d+$/.test(text)) return Number(text);
  if (!text || ![...text].every((ch) => ch in DIGITS || ch in UNITS)) return undefined;
  if (![...text].some((ch) => ch in UNITS)) {
    // Digit by digit: 三零一 → 301.
    return Number([...text].map((ch) => DIGITS[ch]).join(""));
  }
  let total = 0;
  let current = 0;
  for (const ch of text) {
    if (ch in DIGITS) {
      current = DIGITS[ch]!;
    } else {
      const unit = UNITS[ch]!;
      total += (current === 0 ? 1 : current) * unit;
      current = 0;
    }
  }
  return total + current;
}
