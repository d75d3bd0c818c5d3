/**
 * A model's vocabulary as a hash table of numbers in typed arrays. A gram of up to three characters of the
 * Basic Multilingual Plane (every Chinese character residents type, Latin letters, the digit symbol) is one
 * number made of its UTF-16 code units, so a message's grams are looked up without making, hashing or
 * comparing strings: five models' Maps of strings were most of the time a letter took to read, and building
 * them most of the time a model took to load. Any other gram (longer, or with a character beyond U+FFFF) is
 * kept by its text in an ordinary Map.
 */

/** The longest gram kept as a number. */
export const NUMERIC_GRAM = 3;

const UNIT = 65536;

/** The number of a gram of `length` (1–3) code units; a missing unit is 0, the length tells "a" from "a\0". */
export function gramKey(first: number, second: number, third: number, length: number): number {
  return ((first * UNIT + second) * UNIT + third) * 4 + length;
}

/** A 32-bit hash of the same gram, spreading keys that differ only in their last character. */
export function gramHash(first: number, second: number, third: number, length: number): number {
  let hash = Math.imul(first ^ (length << 16), 0x9e3779b1);
  hash = Math.imul(hash ^ (hash >>> 15) ^ second, 0x85ebca77);
  hash = Math.imul(hash ^ (hash >>> 13) ^ third, 0xc2b2ae3d);
  return (hash ^ (hash >>> 16)) >>> 0;
}

/**
 * Whether a code point (or UTF-16 unit) can be part of a gram kept as a number: a character of the Basic
 * Multilingual Plane, not a surrogate. The message side (features.ts) and the vocabulary side ask the same.
 */
export function fitsNumericGram(unit: number): boolean {
  return unit < 0xd800 || (unit > 0xdfff && unit < 0x10000);
}

/** The gram's code units when it is kept as a number, or null. */
function unitsOf(gram: string): [number, number, number, number] | null {
  const length = gram.length;
  if (length === 0 || length > NUMERIC_GRAM) return null;
  const units: [number, number, number, number] = [0, 0, 0, length];
  for (let i = 0; i < length; i++) {
    const unit = gram.charCodeAt(i);
    // A surrogate is half of a character beyond U+FFFF: such grams are kept by their text.
    if (!fitsNumericGram(unit)) return null;
    units[i] = unit;
  }
  return units;
}

export class GramTable {
  /** Slot i is (key, feature index) at 2i and 2i + 1: one probe reads one cache line, not two arrays. */
  private readonly slots: Float64Array;
  private readonly mask: number;
  private readonly others = new Map<string, number>();

  /** A table for `size` grams, at most half full. */
  constructor(readonly size: number) {
    let capacity = 16;
    while (capacity < size * 2) capacity *= 2;
    this.slots = new Float64Array(capacity * 2);
    this.mask = capacity - 1;
  }

  /** The table of a vocabulary (gram → feature index); a gram given twice keeps its last index, as a Map does. */
  static of(vocabulary: ReadonlyMap<string, number>): GramTable {
    const table = new GramTable(vocabulary.size);
    for (const [gram, feature] of vocabulary) table.add(gram, feature);
    return table;
  }

  /** The table of a stored model's grams, one a line, each line's index its feature index. */
  static ofLines(lines: string): GramTable {
    if (!lines) return new GramTable(0);
    let count = 1;
    for (let at = lines.indexOf("\n"); at !== -1; at = lines.indexOf("\n", at + 1)) count++;
    const table = new GramTable(count);
    // One pass over the characters: this runs once per model, at start-up.
    let start = 0;
    let feature = 0;
    for (let at = 0; at <= lines.length; at++) {
      const unit = at < lines.length ? lines.charCodeAt(at) : 10;
      if (unit !== 10) continue;
      const length = at - start;
      const first = length > 0 ? lines.charCodeAt(start) : 0;
      const second = length > 1 ? lines.charCodeAt(start + 1) : 0;
      const third = length > 2 ? lines.charCodeAt(start + 2) : 0;
      if (length >= 1 && length <= NUMERIC_GRAM && fitsNumericGram(first) && fitsNumericGram(second) && fitsNumericGram(third)) {
        table.addNumeric(gramKey(first, second, third, length), gramHash(first, second, third, length), feature);
      } else {
        table.others.set(lines.slice(start, at), feature);
      }
      feature++;
      start = at + 1;
    }
    return table;
  }

  add(gram: string, feature: number): void {
    const units = unitsOf(gram);
    if (!units) {
      this.others.set(gram, feature);
      return;
    }
    const [first, second, third, length] = units;
    this.addNumeric(gramKey(first, second, third, length), gramHash(first, second, third, length), feature);
  }

  /** Adds a gram kept as a number (gramKey, gramHash). */
  addNumeric(key: number, hash: number, feature: number): void {
    let slot = hash & this.mask;
    while (this.slots[slot * 2] !== 0 && this.slots[slot * 2] !== key) slot = (slot + 1) & this.mask;
    this.slots[slot * 2] = key;
    this.slots[slot * 2 + 1] = feature;
  }

  /** The feature index of a gram kept as a number, or -1. */
  find(key: number, hash: number): number {
    const slots = this.slots;
    const mask = this.mask;
    for (let slot = hash & mask; ; slot = (slot + 1) & mask) {
      const found = slots[slot * 2]!;
      if (found === key) return slots[slot * 2 + 1]!;
      if (found === 0) return -1;
    }
  }

  /** The feature index of any other gram, or -1. */
  findOther(gram: string): number {
    return this.others.get(gram) ?? -1;
  }
}

/**
 * A stored model's vocabulary (gram → feature index) as a Map, made only when something asks for it (a
 * retraining script, serializeModel): reading messages needs only the table, which is made straight from
 * the lines.
 */
export class LinesVocabulary implements ReadonlyMap<string, number> {
  private made: Map<string, number> | undefined;

  constructor(
    private readonly lines: string,
    readonly size: number,
  ) {}

  private get map(): Map<string, number> {
    this.made ??= new Map((this.lines ? this.lines.split("\n") : []).map((gram, i) => [gram, i]));
    return this.made;
  }

  get(gram: string): number | undefined {
    return this.map.get(gram);
  }
  has(gram: string): boolean {
    return this.map.has(gram);
  }
  forEach(callback: (value: number, key: string, map: ReadonlyMap<string, number>) => void, thisArg?: unknown): void {
    this.map.forEach((value, key) => callback.call(thisArg, value, key, this));
  }
  entries(): MapIterator<[string, number]> {
    return this.map.entries();
  }
  keys(): MapIterator<string> {
    return this.map.keys();
  }
  values(): MapIterator<number> {
    return this.map.values();
  }
  [Symbol.iterator](): MapIterator<[string, number]> {
    return this.map[Symbol.iterator]();
  }
}
