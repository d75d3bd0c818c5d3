import { charGrams, MAX_GRAM, vectorize, type SparseVector } from "./features.ts";
import type { LinearModel } from "./linearModel.ts";

export interface Example {
  text: string;
  label: string;
}

export interface TrainingOptions {
  task: string;
  /** logistic: multinomial logistic regression (AdaGrad, L2); bayes: multinomial naive Bayes. */
  algorithm?: "logistic" | "bayes";
  /** Grams seen in fewer training texts than this are dropped. */
  minDocumentFrequency?: number;
  /** At most this many grams, the most widespread first. */
  maxFeatures?: number;
  epochs?: number;
  learningRate?: number;
  l2?: number;
  /** The longest character gram used as a feature. */
  maxGram?: number;
  /**
   * Weigh each class alike whatever its share of the examples, so the model learns what marks a class
   * rather than how common it was in the training letters (80% of them orange, unlike chat).
   */
  balanced?: boolean;
  /** Each class's weight by its label (1 for a label not named), on top of `balanced`: a class the model too often reads as another. */
  classWeights?: Readonly<Record<string, number>>;
  /** Labels the model must know even when no example carries them (their probability stays low). */
  labels?: readonly string[];
  seed?: number;
}

const DEFAULTS = {
  algorithm: "logistic",
  maxGram: MAX_GRAM,
  balanced: false,
  minDocumentFrequency: 2,
  maxFeatures: 120_000,
  epochs: 12,
  learningRate: 0.5,
  l2: 1e-5,
  seed: 7,
} as const;

/** The grams the model will know: widespread enough to be learnt, most widespread first. */
export function buildVocabulary(texts: readonly string[], minDocumentFrequency: number, maxFeatures: number, maxGram = MAX_GRAM): Map<string, number> {
  const documentFrequency = new Map<string, number>();
  for (const text of texts) for (const gram of charGrams(text, maxGram).keys()) documentFrequency.set(gram, (documentFrequency.get(gram) ?? 0) + 1);
  const kept = [...documentFrequency.entries()]
    .filter(([, count]) => count >= minDocumentFrequency)
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, maxFeatures);
  return new Map(kept.map(([gram], i) => [gram, i]));
}

function shuffled(length: number, seed: number): number[] {
  const order = Array.from({ length }, (_, i) => i);
  let state = seed >>> 0;
  for (let i = length - 1; i > 0; i--) {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    const j = state % (i + 1);
    [order[i], order[j]] = [order[j]!, order[i]!];
  }
  return order;
}

function trainLogistic(
  vectors: SparseVector[],
  targets: number[],
  width: number,
  features: number,
  options: Required<Omit<TrainingOptions, "labels" | "task" | "algorithm" | "maxGram" | "balanced" | "classWeights">>,
  classWeights: Float64Array,
) {
  const weights = new Float64Array(features * width);
  const bias = new Float64Array(width);
  const squared = new Float64Array(features * width).fill(1e-8);
  const biasSquared = new Float64Array(width).fill(1e-8);
  const gradient = new Float64Array(width);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (const n of shuffled(vectors.length, options.seed + epoch)) {
      const vector = vectors[n]!;
      const scores = Float64Array.from(bias);
      for (let i = 0; i < vector.indices.length; i++) {
        const row = vector.indices[i]! * width;
        for (let label = 0; label < width; label++) scores[label]! += weights[row + label]! * vector.values[i]!;
      }
      let max = -Infinity;
      for (const score of scores) max = Math.max(max, score);
      let sum = 0;
      for (let label = 0; label < width; label++) sum += Math.exp(scores[label]! - max);
      const weight = classWeights[targets[n]!]!;
      for (let label = 0; label < width; label++) gradient[label] = weight * (Math.exp(scores[label]! - max) / sum - (label === targets[n] ? 1 : 0));
      for (let label = 0; label < width; label++) {
        biasSquared[label]! += gradient[label]! ** 2;
        bias[label]! -= (options.learningRate * gradient[label]!) / Math.sqrt(biasSquared[label]!);
      }
      for (let i = 0; i < vector.indices.length; i++) {
        const row = vector.indices[i]! * width;
        const value = vector.values[i]!;
        for (let label = 0; label < width; label++) {
          const at = row + label;
          const g = gradient[label]! * value + options.l2 * weights[at]!;
          squared[at]! += g * g;
          weights[at]! -= (options.learningRate * g) / Math.sqrt(squared[at]!);
        }
      }
    }
  }
  return { weights, bias };
}

function trainBayes(vectors: SparseVector[], targets: number[], width: number, features: number) {
  const mass = new Float64Array(features * width);
  const totals = new Float64Array(width);
  const documents = new Float64Array(width);
  vectors.forEach((vector, n) => {
    const label = targets[n]!;
    documents[label]! += 1;
    for (let i = 0; i < vector.indices.length; i++) {
      mass[vector.indices[i]! * width + label]! += vector.values[i]!;
      totals[label]! += vector.values[i]!;
    }
  });
  const alpha = 0.1;
  const weights = new Float64Array(features * width);
  for (let f = 0; f < features; f++) {
    for (let label = 0; label < width; label++) {
      weights[f * width + label] = Math.log((mass[f * width + label]! + alpha) / (totals[label]! + alpha * features));
    }
  }
  const bias = Float64Array.from(documents, (count) => Math.log((count + 1) / (vectors.length + width)));
  return { weights, bias };
}

/** Trains a model on labelled texts. Deterministic: the same examples and options give the same weights. */
export function trainModel(examples: readonly Example[], options: TrainingOptions): LinearModel {
  const settings = { ...DEFAULTS, ...options };
  const labels = [...new Set([...(options.labels ?? []), ...examples.map((example) => example.label)])].sort();
  const vocabulary = buildVocabulary(
    examples.map((example) => example.text),
    settings.minDocumentFrequency,
    settings.maxFeatures,
    settings.maxGram,
  );
  const vectors = examples.map((example) => vectorize(example.text, vocabulary, settings.maxGram));
  const targets = examples.map((example) => labels.indexOf(example.label));
  const counts = new Float64Array(labels.length);
  for (const target of targets) counts[target]! += 1;
  const present = counts.filter((count) => count > 0).length;
  const classWeights = Float64Array.from(
    counts,
    (count, i) => (settings.balanced && count > 0 ? targets.length / (present * count) : 1) * (options.classWeights?.[labels[i]!] ?? 1),
  );
  const { weights, bias } =
    settings.algorithm === "bayes"
      ? trainBayes(vectors, targets, labels.length, vocabulary.size)
      : trainLogistic(vectors, targets, labels.length, vocabulary.size, settings, classWeights);
  return { task: options.task, labels, maxGram: settings.maxGram, vocabulary, weights: Float32Array.from(weights), bias: Float32Array.from(bias) };
}
