/**
 * Character n-gram features for the linear models. The same function serves training and the bot, so a
 * message is read the same way in both: NFKC folds full-width forms, digits become one symbol (a room
 * number says nothing about the category), and spaces and punctuation go, so word-segmented training text
 * ("水管 漏水") and what residents type ("水管漏水了！") give the same grams.
 */
export const MAX_GRAM = 3;

const DROPPED = /[\s\p{P}\p{S}]/gu;

export function normalizeForFeatures(text: string): string {
  return text.normalize("NFKC").toLowerCase().replace(/\d+/g, "0").replace(DROPPED, "");
}

/** Counts of every 1..MAX_GRAM character gram of the text. */
export function charGrams(text: string, maxGram = MAX_GRAM): Map<string, number> {
  const chars = [...normalizeForFeatures(text)];
  const counts = new Map<string, number>();
  for (let i = 0; i < chars.length; i++) {
    let gram = "";
    for (let n = 0; n < maxGram && i + n < chars.length; n++) {
      gram += chars[i + n];
      counts.set(gram, (counts.get(gram) ?? 0) + 1);
    }
  }
  return counts;
}

export interface SparseVector {
  indices: Int32Array;
  values: Float64Array;
}

/**
 * The model's input: grams known to the vocabulary, weighted 1 + ln(count) and scaled to unit length, so a
 * long letter and a short chat line weigh alike.
 */
export function vectorize(text: string, vocabulary: ReadonlyMap<string, number>, maxGram = MAX_GRAM): SparseVector {
  const entries: [number, number][] = [];
  let norm = 0;
  for (const [gram, count] of charGrams(text, maxGram)) {
    const index = vocabulary.get(gram);
    if (index === undefined) continue;
    const value = 1 + Math.log(count);
    entries.push([index, value]);
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  const indices = new Int32Array(entries.length);
  const values = new Float64Array(entries.length);
  entries.forEach(([index, value], i) => {
    indices[i] = index;
    values[i] = value * scale;
  });
  return { indices, values };
}
