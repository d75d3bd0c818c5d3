import { MAX_GRAM, useGramTable, vectorize, type SparseVector } from "./features.ts";
import { GramTable, LinesVocabulary } from "./gramTable.ts";

/**
 * A linear classifier over character grams: one weight per (gram, label) and a bias per label, with
 * softmax probabilities. It is what `npm run train` writes and what the bot reads; nothing here touches
 * the disk, so tests can build one from a handful of examples.
 */
export interface LinearModel {
  task: string;
  labels: readonly string[];
  maxGram: number;
  vocabulary: ReadonlyMap<string, number>;
  /** Row-major: weights[feature * labels.length + label]. */
  weights: Float32Array;
  bias: Float32Array;
}

export interface Prediction {
  label: string;
  probability: number;
  /** Every label's probability, best first. */
  ranked: { label: string; probability: number }[];
}

export function scoreVector(model: LinearModel, vector: SparseVector): Float64Array {
  const width = model.labels.length;
  const scores = new Float64Array(model.bias);
  for (let i = 0; i < vector.indices.length; i++) {
    const row = vector.indices[i]! * width;
    const value = vector.values[i]!;
    for (let label = 0; label < width; label++) scores[label]! += model.weights[row + label]! * value;
  }
  return scores;
}

export function softmax(scores: Float64Array): Float64Array {
  let max = -Infinity;
  for (const score of scores) max = Math.max(max, score);
  const out = new Float64Array(scores.length);
  let sum = 0;
  for (let i = 0; i < scores.length; i++) {
    out[i] = Math.exp(scores[i]! - max);
    sum += out[i]!;
  }
  for (let i = 0; i < out.length; i++) out[i]! /= sum;
  return out;
}

/** The model's probability for each of its labels, in the model's label order. */
export function labelProbabilities(model: LinearModel, text: string): Float64Array {
  return softmax(scoreVector(model, vectorize(text, model.vocabulary, model.maxGram)));
}

export function predict(model: LinearModel, text: string): Prediction {
  const probabilities = labelProbabilities(model, text);
  const ranked = model.labels.map((label, i) => ({ label, probability: probabilities[i]! })).sort((a, b) => b.probability - a.probability);
  return { label: ranked[0]!.label, probability: ranked[0]!.probability, ranked };
}

/** The probability a prediction gives one label (0 for a label the model does not have). */
export function probabilityOf(prediction: Prediction, label: string): number {
  return prediction.ranked.find((entry) => entry.label === label)?.probability ?? 0;
}

// --- The committed file format -------------------------------------------------------------------------

export const MODEL_FORMAT = "yishi-linear-v1";

/** What is stored: grams as one newline-joined string, weights quantised to int8 (base64) with one scale. */
export interface StoredModel {
  format: typeof MODEL_FORMAT;
  task: string;
  labels: string[];
  maxGram: number;
  features: string;
  scale: number;
  weights: string;
  bias: number[];
  /** How it was trained and on what: kept with the weights so a model file explains itself. */
  meta: Record<string, unknown>;
}

export function serializeModel(model: LinearModel, meta: Record<string, unknown>): StoredModel {
  const grams = [...model.vocabulary.entries()].sort((a, b) => a[1] - b[1]).map(([gram]) => gram);
  let largest = 0;
  for (const weight of model.weights) largest = Math.max(largest, Math.abs(weight));
  const scale = largest > 0 ? largest / 127 : 1;
  const quantised = new Int8Array(model.weights.length);
  for (let i = 0; i < model.weights.length; i++) quantised[i] = Math.round(model.weights[i]! / scale);
  return {
    format: MODEL_FORMAT,
    task: model.task,
    labels: [...model.labels],
    maxGram: model.maxGram,
    features: grams.join("\n"),
    scale,
    weights: Buffer.from(quantised.buffer).toString("base64"),
    bias: [...model.bias].map((value) => Math.round(value * 1e5) / 1e5),
    meta,
  };
}

export function deserializeModel(stored: StoredModel): LinearModel {
  const bytes = Buffer.from(stored.weights, "base64");
  return modelOfQuantised(stored, new Int8Array(bytes.buffer, bytes.byteOffset, bytes.byteLength));
}

/** The model of a stored model's parts, its weights given as the int8 values they were quantised to (modelFile.ts). */
export function modelOfQuantised(stored: Omit<StoredModel, "weights" | "meta">, quantised: Int8Array): LinearModel {
  if (stored.format !== MODEL_FORMAT) throw new Error(`unknown model format: ${String(stored.format)}`);
  const table = GramTable.ofLines(stored.features);
  if (quantised.length !== table.size * stored.labels.length || stored.bias.length !== stored.labels.length) {
    throw new Error(`model ${stored.task}: weights do not match its features and labels`);
  }
  const weights = new Float32Array(quantised.length);
  for (let i = 0; i < quantised.length; i++) weights[i] = quantised[i]! * stored.scale;
  const vocabulary = new LinesVocabulary(stored.features, table.size);
  useGramTable(vocabulary, table);
  return {
    task: stored.task,
    labels: stored.labels,
    maxGram: stored.maxGram ?? MAX_GRAM,
    vocabulary,
    weights,
    bias: Float32Array.from(stored.bias),
  };
}
