import type { Models } from "./models.ts";
import { labelProbabilities } from "./linearModel.ts";

/**
 * What a report is about, as the category model reads it: its probability for each category, in the model's
 * label order. Two reports of one matter in other words (监控坏了 vs 摄像头都是黑的) share few characters but
 * read alike here, because the model learnt the many ways people name each kind of problem.
 */
export function topicsOf(text: string, models: Models): number[] {
  return [...labelProbabilities(models.category, text)];
}
