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

// Words that say what is wrong, not with what: "电梯坏了" and "门禁坏了" are different matters.
const CONDITION_WORDS = new Set(["坏了", "坏掉", "不亮", "灯不亮", "灯坏", "不热", "故障", "维修", "报修", "修一下", "修理", "卡住", "堵了", "堵塞", "脏", "臭", "吵", "太吵", "危险", "隐患", "安全"]);

function mentioned(text: string, keywords: readonly string[]): Set<string> {
  const all = keywords.filter((keyword) => text.includes(keyword));
  const things = all.filter((keyword) => !CONDITION_WORDS.has(keyword));
  return new Set(things.length ? things : all);
}

/**
 * Jaccard overlap of the category keywords each text mentions, counting the things named (电梯, 楼道灯)
 * rather than what is wrong with them: "楼道灯不亮" and "楼道灯坏了" are the same matter.
 */
export function keywordOverlap(a: string, b: string, keywords: readonly string[]): number {
  const left = mentioned(a, keywords);
  const right = mentioned(b, keywords);
  const union = new Set([...left, ...right]);
  if (union.size === 0) return 0;
  let shared = 0;
  for (const keyword of left) if (right.has(keyword)) shared++;
  return shared / union.size;
}
