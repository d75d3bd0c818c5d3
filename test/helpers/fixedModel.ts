import type { LinearModel } from "../../src/bot/classifier/linearModel.ts";

/** A model that reads every line alike: these probabilities, whatever the words. */
export function fixedModel(task: string, probabilities: Record<string, number>): LinearModel {
  const labels = Object.keys(probabilities);
  return {
    task,
    labels,
    maxGram: 1,
    vocabulary: new Map(),
    weights: new Float32Array(0),
    bias: Float32Array.from(labels.map((label) => Math.log(probabilities[label]!))),
  };
}
