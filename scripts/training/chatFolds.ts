/**
 * The leave-one-writer-out folds over the chat corpus's train writers (never the test writers): for each
 * train writer, the urgency, hazard and intent models trained on the other train writers, and the left-out
 * writer's lines. Training all ten folds takes minutes on a busy machine, so each fold's models are kept in
 * node_modules/.cache/yishi-chat-folds/, keyed by a hash of their examples and options: a change of the
 * corpus or of a recipe trains anew, a change of the rules or thresholds does not.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { bundledModels, type Models } from "../../src/bot/classifier/models.ts";
import type { LinearModel } from "../../src/bot/classifier/linearModel.ts";
import { trainModel, type Example, type TrainingOptions } from "../../src/bot/classifier/train.ts";
import { chatSplit, trainWriters, type ChatLine } from "./chatCorpus.ts";
import { chatExamples, OPTIONS } from "./recipes.ts";

const CACHE_DIR = new URL("../../node_modules/.cache/yishi-chat-folds/", import.meta.url);

interface CachedModel {
  task: string;
  labels: string[];
  maxGram: number;
  grams: string[];
  weights: string;
  bias: number[];
}

const toCache = (model: LinearModel): CachedModel => ({
  task: model.task,
  labels: [...model.labels],
  maxGram: model.maxGram,
  grams: [...model.vocabulary.entries()].sort((a, b) => a[1] - b[1]).map(([gram]) => gram),
  weights: Buffer.from(Float32Array.from(model.weights).buffer).toString("base64"),
  bias: [...model.bias],
});

function fromCache(cached: CachedModel): LinearModel {
  const bytes = Buffer.from(cached.weights, "base64");
  return {
    task: cached.task,
    labels: cached.labels,
    maxGram: cached.maxGram,
    vocabulary: new Map(cached.grams.map((gram, i) => [gram, i])),
    weights: new Float32Array(bytes.buffer.slice(bytes.byteOffset, bytes.byteOffset + bytes.byteLength)),
    bias: Float32Array.from(cached.bias),
  };
}

/** The model trained on these examples, from the cache when it was trained before (exactly the same weights). */
export function trainedOnce(examples: readonly Example[], options: TrainingOptions, cacheDir: URL = CACHE_DIR): LinearModel {
  const key = createHash("sha256").update(JSON.stringify({ examples, options })).digest("hex").slice(0, 24);
  const file = new URL(`${options.task}-${key}.json`, cacheDir);
  if (existsSync(file)) return fromCache(JSON.parse(readFileSync(file, "utf8")) as CachedModel);
  const model = trainModel(examples, options);
  mkdirSync(cacheDir, { recursive: true });
  writeFileSync(file, JSON.stringify(toCache(model)));
  return model;
}

export interface ChatFold {
  writer: string;
  lines: ChatLine[];
  models: Models;
}

/**
 * One fold per train writer: its lines, and the chat models trained without them. `trainedWithout`: writers
 * whose lines are read but never trained on in any fold (CHAT_FOLDS_TRAINED_WITHOUT=w17,w18 scores an earlier
 * round's recipe, trained before those writers existed, on the same lines as the current one).
 */
export function chatFolds(
  trainedWithout: readonly string[] = (process.env.CHAT_FOLDS_TRAINED_WITHOUT ?? "").split(",").filter(Boolean),
  groups = Number(process.env.CHAT_FOLDS_GROUPS ?? 0),
): ChatFold[] {
  const { train } = chatSplit();
  const writers = trainWriters(train.lines);
  // CHAT_FOLDS_GROUPS=8: leave a group of writers out at a time (writer i in group i mod 8), for a busy machine:
  // eight folds of models instead of one per writer; every fold still reads only writers it was not trained on.
  const folds: string[][] = groups > 0 ? Array.from({ length: groups }, (_, g) => writers.filter((_, i) => i % groups === g)) : writers.map((writer) => [writer]);
  return folds.map((left) => {
    const writer = left.join("+");
    const examples = chatExamples(train.lines.filter((line) => !left.includes(line.writer) && !trainedWithout.includes(line.writer)));
    return {
      writer,
      lines: train.lines.filter((line) => left.includes(line.writer)),
      models: {
        ...bundledModels(),
        urgency: trainedOnce(examples.urgency, OPTIONS.urgency),
        hazard: trainedOnce(examples.hazard, OPTIONS.hazard),
        intent: trainedOnce(examples.intent, OPTIONS.intent),
        secondUrgency: trainedOnce(examples.secondUrgency, OPTIONS.secondUrgency),
        secondHazard: trainedOnce(examples.secondHazard, OPTIONS.secondHazard),
      },
    };
  });
}
