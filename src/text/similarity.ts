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

/** The character pairs of a text, ignoring punctuation, numbers and filler words, with how often each occurs. */
export function bigramCounts(text: string): Map<string, number> {
  const chars = [...text.replace(NOISE, "")];
  const counts = new Map<string, number>();
  for (let i = 0; i < chars.length - 1; i++) {
    const gram = chars[i]! + chars[i + 1]!;
    counts.set(gram, (counts.get(gram) ?? 0) + 1);
  }
  return counts;
}

/**
 * Cosine of two texts' character pairs, each weighted by how rare it is among residents' messages (its
 * inverse document frequency; pairs never seen weigh as the rarest): 0..1. Shared 电梯 or 坏了 say less than
 * a shared 闭门器.
 */
export function weightedCosine(a: string, b: string, rarity: (gram: string) => number): number {
  const weigh = (counts: Map<string, number>) => new Map([...counts].map(([gram, count]) => [gram, count * rarity(gram)] as const));
  const [left, right] = [weigh(bigramCounts(a)), weigh(bigramCounts(b))];
  let dot = 0;
  for (const [gram, weight] of left) dot += weight * (right.get(gram) ?? 0);
  const norm = (vector: Map<string, number>) => Math.sqrt([...vector.values()].reduce((sum, weight) => sum + weight * weight, 0));
  const denominator = norm(left) * norm(right);
  return denominator ? dot / denominator : 0;
}
