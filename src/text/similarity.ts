const NOISE = /[\s\p{P}\p{S}\d]|号楼|单元|栋|室|报修|投诉|反映|求助|建议|议事助手|我们|你们|这个|那个|一下|了|的|啊|呀|吧|呢|吗/gu;

function bigrams(text: string): Set<string> {
  const cleaned = text.replace(NOISE, "");
  const grams = new Set<string>();
  const chars = [...cleaned];
  for (let i = 0; i < chars.length - 1; i++) grams.add(chars[i]! + chars[i + 1]!);
  return grams;
}

/** Dice coefficient over character bigrams, ignoring punctuation, numbers and filler words: 0..1. */
export function textSimilarity(a: string, b: string): number {
  const left = bigrams(a);
  const right = bigrams(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const gram of left) if (right.has(gram)) shared++;
  return (2 * shared) / (left.size + right.size);
}

function characters(text: string): Set<string> {
  return new Set([...text.replace(NOISE, "")]);
}

/** Dice coefficient over single characters, ignoring punctuation, numbers and filler words: 0..1. */
export function charDice(a: string, b: string): number {
  const left = characters(a);
  const right = characters(b);
  if (left.size === 0 || right.size === 0) return 0;
  let shared = 0;
  for (const char of left) if (right.has(char)) shared++;
  return (2 * shared) / (left.size + right.size);
}
