/** A logistic model over a pair's features (duplicateFeatures.ts), and the score from which a pair is one matter. */
export interface PairModel {
  features: readonly string[];
  weights: readonly number[];
  bias: number;
  threshold: number;
}

export function pairProbability(model: PairModel, features: readonly number[]): number {
  let sum = model.bias;
  for (let i = 0; i < features.length; i++) sum += (model.weights[i] ?? 0) * features[i]!;
  return 1 / (1 + Math.exp(-sum));
}
