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

/** The intents other than a report and chatter, each with this share: the rest of a fixed intent model. */
export function otherIntents(share: number): Record<string, number> {
  const others = ["follow_up", "thanks", "greeting", "bot_question", "meeting_question", "phone_question", "meeting_announcement", "gibberish"];
  return Object.fromEntries(others.map((intent) => [intent, share]));
}
