/**
 * Character n-gram features for the linear models. The same function serves training and the bot, so a
 * message is read the same way in both: NFKC folds full-width forms, digits become one symbol (a room
 * number says nothing about the category), and spaces and punctuation go, so word-segmented training text
 * ("水管 漏水") and what residents type ("水管漏水了！") give the same grams.
 */
import { fitsNumericGram, GramTable, gramHash, gramKey, NUMERIC_GRAM } from "./gramTable.ts";

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

/** A text's grams in the order they first occur (the order charGrams gives), each counted. */
interface GramCounts {
  size: number;
  /**
   * Gram i is (key, hash, count) at 3i, 3i + 1, 3i + 2; the key is the gram as a number (gramTable.ts), or 0
   * for a gram kept by its text in `texts`.
   */
  grams: Float64Array;
  texts: Map<number, string> | null;
}

// Work space reused from one text to the next (reading is synchronous): the hash table that counts a text's
// grams and the list they are written to, grown for the longest text so far.
let countingSlots = new Float64Array(256);
let counted = new Float64Array(384);

function countGrams(text: string, maxGram: number): GramCounts {
  const points = Array.from(normalizeForFeatures(text), (char) => char.codePointAt(0)!);
  const most = points.length * maxGram;
  let capacity = 16;
  while (capacity < most * 2) capacity *= 2;
  const mask = capacity - 1;
  // Slot i is (key, position in the list) at 2i and 2i + 1.
  if (countingSlots.length < capacity * 2) countingSlots = new Float64Array(capacity * 2);
  else countingSlots.fill(0, 0, capacity * 2);
  if (counted.length < most * 3) counted = new Float64Array(most * 3);
  const slots = countingSlots;
  const list = counted;
  let texts: Map<number, string> | null = null;
  let byText: Map<string, number> | null = null;
  let size = 0;
  for (let i = 0; i < points.length; i++) {
    let numeric = true;
    for (let n = 0; n < maxGram && i + n < points.length; n++) {
      const length = n + 1;
      numeric &&= length <= NUMERIC_GRAM && fitsNumericGram(points[i + n]!);
      if (numeric) {
        const first = points[i]!;
        const second = n >= 1 ? points[i + 1]! : 0;
        const third = n >= 2 ? points[i + 2]! : 0;
        const key = gramKey(first, second, third, length);
        const hash = gramHash(first, second, third, length);
        let slot = hash & mask;
        while (slots[slot * 2] !== 0 && slots[slot * 2] !== key) slot = (slot + 1) & mask;
        if (slots[slot * 2] === key) {
          list[slots[slot * 2 + 1]! * 3 + 2]!++;
        } else {
          slots[slot * 2] = key;
          slots[slot * 2 + 1] = size;
          list[size * 3] = key;
          list[size * 3 + 1] = hash;
          list[size++ * 3 + 2] = 1;
        }
      } else {
        const gram = String.fromCodePoint(...points.slice(i, i + length));
        texts ??= new Map();
        byText ??= new Map();
        const seen = byText.get(gram);
        if (seen !== undefined) {
          list[seen * 3 + 2]!++;
        } else {
          byText.set(gram, size);
          texts.set(size, gram);
          list[size * 3] = 0;
          list[size * 3 + 1] = 0;
          list[size++ * 3 + 2] = 1;
        }
      }
    }
  }
  return { size, grams: list.slice(0, size * 3), texts };
}

// The last texts counted: one message is read by up to five models in a row, each needing the same grams.
const RECENT = 4;
const recent: { text: string; maxGram: number; grams: GramCounts }[] = [];

function gramsOf(text: string, maxGram: number): GramCounts {
  const known = recent.find((entry) => entry.text === text && entry.maxGram === maxGram);
  if (known) return known.grams;
  const grams = countGrams(text, maxGram);
  if (recent.unshift({ text, maxGram, grams }) > RECENT) recent.pop();
  return grams;
}

// Work space of vectorize, as countGrams's.
let foundIndices = new Int32Array(256);
let foundValues = new Float64Array(256);

// Each vocabulary's table, made on its first use (a model read from its file brings its own: gramTable.ts).
const tables = new WeakMap<ReadonlyMap<string, number>, { table: GramTable; size: number }>();

/** Uses `table` for `vocabulary` from now on: a stored model's grams go straight into a table. */
export function useGramTable(vocabulary: ReadonlyMap<string, number>, table: GramTable): void {
  tables.set(vocabulary, { table, size: vocabulary.size });
}

function tableOf(vocabulary: ReadonlyMap<string, number>): GramTable {
  const known = tables.get(vocabulary);
  if (known && known.size === vocabulary.size) return known.table;
  const table = GramTable.of(vocabulary);
  tables.set(vocabulary, { table, size: vocabulary.size });
  return table;
}

/**
 * The model's input: grams known to the vocabulary, weighted 1 + ln(count) and scaled to unit length, so a
 * long letter and a short chat line weigh alike. The same numbers, in the same order, as looking each of
 * charGrams' grams up in the vocabulary.
 */
export function vectorize(text: string, vocabulary: ReadonlyMap<string, number>, maxGram = MAX_GRAM): SparseVector {
  const { size, grams, texts } = gramsOf(text, maxGram);
  const table = tableOf(vocabulary);
  if (foundIndices.length < size) {
    foundIndices = new Int32Array(size);
    foundValues = new Float64Array(size);
  }
  const indices = foundIndices;
  const values = foundValues;
  let found = 0;
  let norm = 0;
  for (let i = 0; i < size; i++) {
    const key = grams[i * 3]!;
    const index = key !== 0 ? table.find(key, grams[i * 3 + 1]!) : table.findOther(texts!.get(i)!);
    if (index < 0) continue;
    const value = 1 + Math.log(grams[i * 3 + 2]!);
    indices[found] = index;
    values[found++] = value;
    norm += value * value;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < found; i++) values[i]! *= scale;
  return { indices: indices.slice(0, found), values: values.slice(0, found) };
}
